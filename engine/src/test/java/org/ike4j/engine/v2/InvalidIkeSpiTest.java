package org.ike4j.engine.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ike4j.engine.Action;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v2.ExchangeType;
import org.ike4j.wire.v2.Ikev2Decoder;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.Ikev2Message;
import org.ike4j.wire.v2.NotifyPayload;
import org.ike4j.wire.v2.NotifyType;
import org.junit.jupiter.api.Test;

/**
 * RFC 7296 1.5 and 2.21.4: a protected request for an IKE SA the receiver does not have (it
 * restarted) gets an unprotected INVALID_IKE_SPI, rate limited, never for a response or an
 * unprotected message; its receipt is reported and changes no state, and starts a liveness check.
 */
class InvalidIkeSpiTest {

    /** moon and sun with an IKE SA; then sun forgets it, as after a restart. */
    private static Harness.Peer[] forgotten(Harness h) throws Exception {
        var p = h.pair(EstablishTest.NETS_MOON, EstablishTest.NETS_SUN);
        p[0].command(new Operator.Up("c"));
        h.run();
        assertEquals(1, p[1].engine.sas().size());
        p[1].engine.sas().clear();
        p[1].events.clear();
        p[1].sent.clear();
        return p;
    }

    private static List<Action.Send> sends(List<Action> actions) {
        return actions.stream().filter(Action.Send.class::isInstance).map(Action.Send.class::cast).toList();
    }

    @Test
    void aRestartedPeerAnswersUnprotectedAndTheSaStays() throws Exception {
        Harness h = new Harness();
        var p = forgotten(h);
        IkeSa moon = p[0].engine.sas().get(0);
        long spiI = moon.spiI;
        long spiR = moon.spiR;
        int children = p[0].engine.snapshot().childSas().size();
        // CREATE_CHILD_SA request --> sun, which has no such SA
        // <-- INFORMATIONAL response { N(INVALID_IKE_SPI) }, in the clear
        p[0].command(new Operator.Up("c"));   // CREATE_CHILD_SA request: sun does not know the SA
        h.run();
        assertEquals(1, p[1].sent.size(), p[1].log());
        Ikev2Message answer = Ikev2Decoder.decode(p[1].sent.get(0).data().toByteArray());
        Ikev2Header ah = answer.header();
        assertEquals(spiI, ah.initiatorSpi());
        assertEquals(spiR, ah.responderSpi());
        assertTrue(ah.isResponse());
        assertFalse(ah.isInitiator(), "sent by the original responder");
        assertEquals(ExchangeType.INFORMATIONAL.code(), ah.exchangeType().code());
        assertEquals(List.of(NotifyType.INVALID_IKE_SPI.code()), answer.payloads().stream()
                .map(x -> ((NotifyPayload) x).notifyType().code()).toList(), "unprotected, one notify");
        assertEquals(moon.outstanding == null ? -1 : moon.outstanding.messageId, ah.messageId(), "message ID copied");
        assertTrue(p[1].logged("for unknown IKE SA"), p[1].log());
        assertTrue(p[1].logged("answered with an unprotected INVALID_IKE_SPI"), p[1].log());
        assertTrue(p[1].engine.sas().isEmpty(), "nothing created");
        // moon: reported, the SA and its Child SA stay (unauthenticated), the request stays outstanding
        List<Event> notes = p[0].events(Event.Kind.NOTIFY_RECEIVED);
        assertEquals(1, notes.size(), p[0].log());
        assertTrue(notes.get(0).message().contains("INVALID_IKE_SPI") && notes.get(0).message().contains("restarted?"),
                notes.get(0).message());
        assertEquals(1, p[0].engine.sas().size());
        assertTrue(p[0].engine.sas().get(0).established);
        assertEquals(children, p[0].engine.snapshot().childSas().size());
        assertTrue(p[0].engine.sas().get(0).outstanding != null, "the request stays until its retransmissions end");
    }

    @Test
    void answersAreRateLimitedPerPeer() throws Exception {
        Harness h = new Harness();
        var p = forgotten(h);
        IkeSa moon = p[0].engine.sas().get(0);
        Ikev2Header hdr = Ikev2Header.of(moon.spiI, moon.spiR, ExchangeType.INFORMATIONAL, Ikev2Header.INITIATOR,
                moon.nextRequestId);
        Bytes request = Bytes.wrap(moon.protection.protect(hdr, List.of()));
        Input.Datagram d = new Input.Datagram(moon.remote, moon.local, request, false);
        assertEquals(1, sends(p[1].engine.handle(d)).size());
        assertEquals(0, sends(p[1].engine.handle(d)).size(), "a second within the same second is not answered");
        List<Action> third = p[1].engine.handle(d);
        assertEquals(0, sends(third).size());
        assertTrue(third.stream().anyMatch(a -> a instanceof Action.Report r && r.event().message().contains("rate limit")));
        h.now += 1_000;
        assertEquals(1, sends(p[1].engine.handle(d)).size(), "answered again a second later");
    }

    @Test
    void responsesAndUnprotectedMessagesAreNeverAnswered() throws Exception {
        Harness h = new Harness();
        var p = forgotten(h);
        IkeSa moon = p[0].engine.sas().get(0);
        // a protected response for the unknown SA
        Ikev2Header resp = Ikev2Header.of(moon.spiI, moon.spiR, ExchangeType.INFORMATIONAL,
                Ikev2Header.INITIATOR | Ikev2Header.RESPONSE, 7);
        List<Action> out = p[1].engine.handle(new Input.Datagram(moon.remote, moon.local,
                Bytes.wrap(moon.protection.protect(resp, List.of())), false));
        assertEquals(0, sends(out).size(), out.toString());
        // an unprotected request (no SK payload) for it
        Ikev2Header req = Ikev2Header.of(moon.spiI, moon.spiR, ExchangeType.INFORMATIONAL, Ikev2Header.INITIATOR, 7);
        out = p[1].engine.handle(new Input.Datagram(moon.remote, moon.local,
                Bytes.wrap(new Ikev2Message(req, List.of()).encode()), false));
        assertEquals(0, sends(out).size(), out.toString());
        // an unprotected INVALID_IKE_SPI for an SA sun does not know either: not answered, one line
        Ikev2Header n = Ikev2Header.of(moon.spiI, moon.spiR, ExchangeType.INFORMATIONAL, Ikev2Header.RESPONSE, 7);
        out = p[1].engine.handle(new Input.Datagram(moon.remote, moon.local, Bytes.wrap(new Ikev2Message(n,
                List.of(new NotifyPayload(NotifyType.INVALID_IKE_SPI, Bytes.EMPTY))).encode()), false));
        assertEquals(0, sends(out).size(), out.toString());
        assertTrue(out.stream().anyMatch(a -> a instanceof Action.Report r && r.event().message().contains("ignored")));
        assertTrue(p[1].engine.sas().isEmpty());
    }

    /** A forged INVALID_IKE_SPI for an established SA: reported, nothing changes but a liveness check, which the peer answers. */
    @Test
    void aForgedNotificationChangesNoState() throws Exception {
        Harness h = new Harness();
        var p = h.pair(EstablishTest.NETS_MOON, EstablishTest.NETS_SUN);
        p[0].command(new Operator.Up("c"));
        h.run();
        IkeSa moon = p[0].engine.sas().get(0);
        long next = moon.nextRequestId;
        long expected = moon.expectedRequestId;
        int installed = p[0].installed.size();
        Ikev2Header n = Ikev2Header.of(moon.spiI, moon.spiR, ExchangeType.INFORMATIONAL, Ikev2Header.RESPONSE, 0);
        p[0].input(new Input.Datagram(moon.local, moon.remote, Bytes.wrap(new Ikev2Message(n,
                List.of(new NotifyPayload(NotifyType.INVALID_IKE_SPI, Bytes.EMPTY))).encode()), moon.natT));
        assertEquals(1, p[0].events(Event.Kind.NOTIFY_RECEIVED).size(), p[0].log());
        assertEquals(expected, moon.expectedRequestId);
        assertEquals(next + 1, moon.nextRequestId, "one request: the liveness check");
        assertTrue(p[0].logged("sending a liveness check"), p[0].log());
        h.run();
        assertTrue(p[0].logged("liveness check answered"), p[0].log());
        assertEquals(installed, p[0].installed.size());
        assertTrue(p[0].deleted.isEmpty());
        assertTrue(moon.established);
        assertEquals(1, p[1].engine.sas().size());
    }
}
