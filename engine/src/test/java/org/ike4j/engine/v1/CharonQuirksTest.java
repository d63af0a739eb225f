package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.config.Connection;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v1.DataAttribute;
import org.ike4j.wire.v1.IpsecAttributes;
import org.ike4j.wire.v1.Proposal;
import org.ike4j.wire.v1.ProtocolId;
import org.ike4j.wire.v1.SecurityAssociationPayload;
import org.ike4j.wire.v1.Transform;
import org.junit.jupiter.api.Test;

/**
 * What strongSwan's charon 5.9.8 does on the wire that the engine must accept, each found by the
 * interop tests (interop/) and reproduced here without a network.
 */
class CharonQuirksTest {

    /**
     * charon (prefer_configured_proposals = yes, its default) answers Quick Mode with its own
     * configured proposal's number: proposal #1, transform #1, where the seed's connection offered
     * proposal #0 transform #0 (pluto's numbering). Seen in interop case 1 as the initiator's
     * "the responder chose a transform we did not offer: ESP_AES-128/HMAC_SHA" and a NO-PROPOSAL-CHOSEN.
     */
    @Test
    void quickModeAnswerWithAnotherProposalNumberIsAcceptedWhenItsAlgorithmsWereOffered() throws Exception {
        Connection srx13 = Harness.strongSwanSeed().connection("srx-13").orElseThrow();
        SecurityAssociationPayload offer = QuickModeProposal.offer(Ikev1Defaults.esp(srx13), 0x3f7e4b5e, null,
                srx13.mode(), 3600, true);

        // charon's answer as its log showed it: proposal 1, ESP, transform 1 ESP_AES, UDP tunnel,
        // life 3600 s, HMAC-SHA, 128-bit key
        Proposal charons = answer(1, CipherAlgorithm.AES_CBC_128, IntegrityAlgorithm.HMAC_SHA1_96);
        QuickModeProposal got = QuickModeProposal.parse(charons.transforms().get(0), new ArrayList<>()).orElseThrow();
        assertTrue(QuickModeProposal.offered(offer, charons, got));

        // still refused: algorithms we did not offer, whatever the number
        for (int number : new int[] {0, 1}) {
            Proposal other = answer(number, CipherAlgorithm.AES_CBC_256, IntegrityAlgorithm.HMAC_SHA1_96);
            QuickModeProposal g = QuickModeProposal.parse(other.transforms().get(0), new ArrayList<>()).orElseThrow();
            assertFalse(QuickModeProposal.offered(offer, other, g), "proposal " + number);
        }
    }

    private static Proposal answer(int number, CipherAlgorithm cipher, IntegrityAlgorithm integrity) {
        List<DataAttribute> attrs = List.of(
                DataAttribute.basic(IpsecAttributes.Type.ENCAPSULATION_MODE.code(), 3),
                DataAttribute.basic(IpsecAttributes.Type.SA_LIFE_TYPE.code(), 1),
                DataAttribute.basic(IpsecAttributes.Type.SA_LIFE_DURATION.code(), 3600),
                DataAttribute.basic(IpsecAttributes.Type.AUTH_ALGORITHM.code(), Ikev1Algorithms.ipsecAuthCode(integrity)),
                DataAttribute.basic(IpsecAttributes.Type.KEY_LENGTH.code(), cipher.keySize() * 8));
        return new Proposal(number, ProtocolId.PROTO_IPSEC_ESP, Bytes.wrap(new byte[] {(byte) 0xc1, 0x2, 0x3, 0x4}),
                List.of(new Transform(1, Ikev1Algorithms.espTransformId(cipher), attrs)));
    }

    /**
     * forceencaps=yes (ipsec.conf) was loaded but ignored: without a NAT the SAs stayed on port 500
     * with plain ESP, where charon's encap=yes would have UDP-encapsulated. Seen in interop case 5.
     * Forced, our own NAT-D hash is one that matches no address, so the peer believes we are
     * behind a NAT and both sides float to 4500 and encapsulate ESP in UDP (RFC 3948).
     */
    @Test
    void forceencapsMakesBothSidesEncapsulateWithoutANat() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("forceencaps=yes"), List.of());
        p[0].command(new org.ike4j.engine.Operator.Up("c"));
        h.run();
        var moon = p[0].engine.snapshot().ikeSas().get(0);
        var sun = p[1].engine.snapshot().ikeSas().get(0);
        assertTrue(moon.established() && sun.established(), p[0].log() + p[1].log());
        org.junit.jupiter.api.Assertions.assertEquals(4500, moon.local().getPort());
        org.junit.jupiter.api.Assertions.assertEquals(4500, sun.local().getPort());
        org.junit.jupiter.api.Assertions.assertEquals("the peer is behind a NAT", sun.natDetected());
        assertTrue(moon.natDetected().contains("forced"), moon.natDetected());
        assertTrue(p[0].installed.get(0).udpEncapsulation());
        assertTrue(p[1].installed.get(0).udpEncapsulation());

        // without it: no NAT, no float (the same pair as NatTraversalTest.noNatNoFloat)
        Harness plain = new Harness();
        var q = Configs.pair(plain, List.of(), List.of());
        q[0].command(new org.ike4j.engine.Operator.Up("c"));
        plain.run();
        org.junit.jupiter.api.Assertions.assertEquals(500, q[0].engine.snapshot().ikeSas().get(0).local().getPort());
    }

    /**
     * A wrong PSK after the float to 4500: the responder's PAYLOAD-MALFORMED went to the peer's
     * port 500 (the half-open SA's old address; an undecryptable message moves no SA), while
     * the peer had moved to 4500 with Main Mode 5. Seen in interop case 9 (charon logged it
     * arriving on 500). It now answers where the message came from, behind the non-ESP marker.
     */
    @Test
    void payloadMalformedAfterTheFloatGoesBackToPort4500() throws Exception {
        Harness h = new Harness();
        var p = Configs.pair(h, List.of("forceencaps=yes"), List.of(), "right", "wrong", Ikev1Options.DEFAULTS);
        p[0].command(new org.ike4j.engine.Operator.Up("c"));
        h.run();
        String log = p[0].log() + p[1].log();
        assertTrue(p[1].log().contains("probable pre-shared key mismatch"), log);
        org.ike4j.engine.Action.Send notify = p[1].sent.get(p[1].sent.size() - 1);
        org.junit.jupiter.api.Assertions.assertEquals(4500, notify.remote().getPort(), log);
        org.junit.jupiter.api.Assertions.assertEquals(4500, notify.local().getPort(), log);
        assertTrue(notify.nonEspMarker(), log);
    }
}
