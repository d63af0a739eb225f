package org.ike4j.engine.v2;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ike4j.engine.Action;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v2.EncryptedFragmentPayload;
import org.ike4j.wire.v2.EncryptedPayload;
import org.ike4j.wire.v2.ExchangeType;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.Ikev2Message;
import org.ike4j.wire.v2.NotifyPayload;
import org.ike4j.wire.v2.NotifyType;
import org.ike4j.wire.v2.Payload;

/**
 * Messages for IKE SAs this end does not know (RFC 7296 sections 1.5 and 2.21.4), most often
 * because one side restarted and forgot its SAs.
 *
 * <p>A protected request (its payloads in SK or SKF) for an unknown IKE SA is answered with an
 * unprotected INFORMATIONAL response carrying N(INVALID_IKE_SPI), to the address and port it came
 * from, with its IKE SPIs and Message ID copied; never a response (the RFC forbids answering one),
 * never an IKE_SA_INIT request (that starts an SA), and at most once a second per peer address and
 * {@value #GLOBAL_PER_SECOND} a second in all, so that forged traffic cannot make this end a
 * reflector. Nothing is created or kept for the message.
 *
 * <p>An unprotected N(INVALID_IKE_SPI) received for one of our SAs is not authenticated: it is
 * reported, changes no state of the SA (2.21.4: it may be forged), and is taken as the hint the
 * RFC says it is: a liveness check goes out on that SA (unless a request is in flight already),
 * whose outcome is authentic.
 */
final class InvalidIkeSpi {
    /** The most INVALID_IKE_SPI answers a second, to all peers together. */
    static final int GLOBAL_PER_SECOND = 10;
    private static final int MAX_TRACKED = 1024;

    private final Ikev2Engine engine;
    /** When each peer address was last answered. */
    private final Map<InetAddress, Long> lastAnswered = new LinkedHashMap<>();
    private long windowStart;
    private int inWindow;

    InvalidIkeSpi(Ikev2Engine engine) {
        this.engine = engine;
    }

    /** Whether the message carries its payloads protected (SK, or SKF fragments). */
    static boolean isProtected(Ikev2Message msg) {
        return !msg.payloads().isEmpty() && (msg.payloads().getLast() instanceof EncryptedPayload
                || msg.payloads().getLast() instanceof EncryptedFragmentPayload);
    }

    /** Whether the message is an unprotected N(INVALID_IKE_SPI). */
    static boolean isNotification(Ikev2Message msg) {
        return !isProtected(msg) && msg.payloads().stream().anyMatch(p -> p instanceof NotifyPayload n
                && n.notifyType().code() == NotifyType.INVALID_IKE_SPI.code());
    }

    /**
     * A message for no IKE SA of ours, other than an IKE_SA_INIT request: answered (a protected
     * request, within the rate limit) or dropped, with one line either way.
     */
    void unknownSa(Input.Datagram d, Ikev2Message msg, Outbox out) {
        Ikev2Header h = msg.header();
        String from = d.remote().getAddress().getHostAddress() + ":" + d.remote().getPort();
        String what = h.exchangeType().name() + (h.isResponse() ? " response " : " request ") + h.messageId() + " from "
                + from + " for unknown IKE SA " + String.format("%016x_i %016x_r", h.initiatorSpi(), h.responderSpi());
        if (isNotification(msg)) {
            out.report(Event.Level.INFO, Event.Kind.NOTIFY_RECEIVED, "", "", "unprotected INVALID_IKE_SPI in " + what
                    + ": no such SA here either; ignored (RFC 7296 2.21.4)");
            return;
        }
        if (h.isResponse() || !isProtected(msg) || h.exchangeType().code() == ExchangeType.IKE_SA_INIT.code()) {
            // a response is never answered (2.21.4); an unprotected message outside IKE_SA_INIT is no IKE SA's
            out.debug(null, "dropping " + what);
            return;
        }
        if (!allowed(d.remote().getAddress())) {
            out.debug(null, "dropping " + what + " (INVALID_IKE_SPI rate limit: not answered)");
            return;
        }
        int flags = Ikev2Header.RESPONSE | (h.isInitiator() ? 0 : Ikev2Header.INITIATOR);
        Ikev2Header rh = Ikev2Header.of(h.initiatorSpi(), h.responderSpi(), ExchangeType.INFORMATIONAL, flags,
                h.messageId());
        List<Payload> payloads = List.of(new NotifyPayload(NotifyType.INVALID_IKE_SPI, Bytes.EMPTY));
        out.add(new Action.Send(d.local(), d.remote(), Bytes.wrap(new Ikev2Message(rh, payloads).encode()),
                d.natTraversalPort()));
        out.report(Event.Level.INFO, Event.Kind.OTHER, "", "", what + " (did it or we restart?): answered with an "
                + "unprotected INVALID_IKE_SPI (RFC 7296 2.21.4)");
    }

    /**
     * An unprotected N(INVALID_IKE_SPI) that names one of our SAs: the peer says it does not know
     * it. Reported; the SA stays as it is, and a liveness check finds out whether the peer is
     * really without it.
     */
    void received(IkeSa sa, Ikev2Header h, Input.Datagram d, Outbox out) {
        String from = d.remote().getAddress().getHostAddress() + ":" + d.remote().getPort();
        out.report(Event.Level.WARNING, Event.Kind.NOTIFY_RECEIVED, sa, "peer " + from + " answered "
                + h.exchangeType().name() + " " + h.messageId() + " with an unprotected INVALID_IKE_SPI: it does not "
                + "know this IKE SA (restarted?); unauthenticated, so the SA stays until a liveness check decides "
                + "(RFC 7296 2.21.4)");
        if (sa.established && sa.state == IkeSa.State.ESTABLISHED) {
            Informational.liveness(engine, sa, out);
        }
    }

    private boolean allowed(InetAddress peer) {
        long now = engine.now();
        if (now - windowStart >= 1000) {
            windowStart = now;
            inWindow = 0;
        }
        Long last = lastAnswered.get(peer);
        if (inWindow >= GLOBAL_PER_SECOND || last != null && now - last < 1000) {
            return false;
        }
        if (lastAnswered.size() >= MAX_TRACKED) {
            lastAnswered.entrySet().removeIf(e -> now - e.getValue() >= 1000);
            if (lastAnswered.size() >= MAX_TRACKED) {
                return false;
            }
        }
        lastAnswered.put(peer, now);
        inWindow++;
        return true;
    }
}
