package org.ike4j.analysis.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Optional;

import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.kdf.Ikev1HashAlgorithm;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v1.DataAttribute;
import org.ike4j.wire.v1.Doi;
import org.ike4j.wire.v1.Proposal;
import org.ike4j.wire.v1.ProtocolId;
import org.ike4j.wire.v1.SecurityAssociationPayload;
import org.ike4j.wire.v1.Transform;
import org.junit.jupiter.api.Test;

/**
 * A responder's Phase 1 choice (RFC 2409 Appendix A attributes 1 encryption, 2 hash, 13 PRF, 14 key
 * length): read right, and one object for each choice however many SAs make it.
 */
class Phase1ChoiceTest {

    private static SecurityAssociationPayload sa(DataAttribute... attributes) {
        return new SecurityAssociationPayload(Doi.IPSEC, 1, List.of(new Proposal(1, ProtocolId.PROTO_ISAKMP,
                Bytes.EMPTY, List.of(new Transform(1, 1, List.of(attributes))))));
    }

    @Test
    void theSameChoiceIsOneObjectAndADifferentOneIsItsOwn() {
        // 3DES-CBC (5), MD5 (1)
        Algorithms.Phase1Choice a = Algorithms.fromPhase1Sa(sa(DataAttribute.basic(1, 5), DataAttribute.basic(2, 1)));
        Algorithms.Phase1Choice b = Algorithms.fromPhase1Sa(sa(DataAttribute.basic(2, 1), DataAttribute.basic(1, 5)));
        assertSame(a, b);
        assertEquals(Optional.of(CipherAlgorithm.DES3_CBC), a.cipher());
        assertEquals(Optional.of(Ikev1HashAlgorithm.MD5), a.hash());
        assertEquals(Optional.of(PrfAlgorithm.HMAC_MD5), a.prf(), "no PRF attribute: the HMAC of the hash");
        // AES-CBC (7) with 256-bit keys, SHA2-256 (4)
        Algorithms.Phase1Choice c = Algorithms.fromPhase1Sa(sa(DataAttribute.basic(1, 7), DataAttribute.basic(14, 256),
                DataAttribute.basic(2, 4)));
        assertNotSame(a, c);
        assertEquals(Optional.of(CipherAlgorithm.AES_CBC_256), c.cipher());
        assertEquals(Optional.of(Ikev1HashAlgorithm.SHA2_256), c.hash());
        assertSame(c, Algorithms.fromPhase1Sa(sa(DataAttribute.basic(1, 7), DataAttribute.basic(14, 256),
                DataAttribute.basic(2, 4))));
    }

    @Test
    void aValueBeyondSixteenBitsIsReadButNotMistakenForAnother() {
        // a key length as a 4-byte TLV: 0x10100 bits is no key length of any cipher
        Algorithms.Phase1Choice odd = Algorithms.fromPhase1Sa(sa(DataAttribute.basic(1, 7),
                DataAttribute.variable(14, 0x10100, 4), DataAttribute.basic(2, 4)));
        Algorithms.Phase1Choice aes = Algorithms.fromPhase1Sa(sa(DataAttribute.basic(1, 7),
                DataAttribute.basic(14, 0x100), DataAttribute.basic(2, 4)));
        assertNotSame(odd, aes);
        assertEquals(Optional.empty(), odd.cipher());
        assertEquals(Optional.of(CipherAlgorithm.AES_CBC_256), aes.cipher());
    }
}
