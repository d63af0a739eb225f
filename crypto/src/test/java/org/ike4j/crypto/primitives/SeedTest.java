package org.ike4j.crypto.primitives;

import static org.ike4j.crypto.primitives.Vector.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.CryptoBackend;
import org.ike4j.crypto.Secret;
import org.junit.jupiter.api.Test;

/**
 * The project's seed document (shared/seed/000_432d16877e4ce69a.txt, an SRX/strongSwan IKEv1
 * exchange with pluto's dumps) as a vector: Quick Mode message 1 under the Phase 1 3DES key.
 */
class SeedTest {
    /** "enc key" from pluto.log line 542, as the seed quotes it (24 bytes, 3DES). */
    static final byte[] PHASE1_KEY = hex("820fdf71dc107c218752b4b9f637470ed285def53864f409");

    /** The first 8 bytes (one 3DES block) of pluto's "computed Phase 2 IV" (RFC 2409 section 5.5). */
    static final byte[] PHASE2_IV = hex("4860072058de69ca");

    /** pluto's "encrypting:" dump of Quick Mode message 1: HASH(1), SA, Ni, IDci, IDcr (124 bytes). */
    static final byte[] QUICK_MODE_1 = hex("""
            0100001492ee26eb83d24e6b78d4d5c0729a13a80a00003400000001000000010000002800030401c786011d\
            0000001c000c0000800400018001000180020e108005000280060080050000145d913168cd6deed76eb1ad1a\
            c8db455c0500001004000000000000000000000000000010040000000000000000000000""");

    @Test
    void quickModeMessageRoundTripsUnder3desOnEveryBackend() {
        assertEquals(124, QUICK_MODE_1.length);
        // pluto: "emitting 4 zero bytes of encryption padding" to reach whole 8-byte blocks.
        byte[] padded = Arrays.copyOf(QUICK_MODE_1, 128);
        List<CryptoBackend> backends = Backends.ALL.stream()
                .filter(b -> b.available() && b.cipher(CipherAlgorithm.DES3_CBC).isPresent()).toList();
        byte[] reference = null;
        for (CryptoBackend b : backends) {
            Cipher des3 = b.cipher(CipherAlgorithm.DES3_CBC).orElseThrow();
            byte[] ciphertext = des3.encrypt(PHASE1_KEY, PHASE2_IV, padded);
            assertEquals(128, ciphertext.length);
            assertFalse(Arrays.equals(padded, ciphertext));
            assertArrayEquals(padded, des3.decrypt(PHASE1_KEY, PHASE2_IV, ciphertext), b.name());
            if (reference == null) {
                reference = ciphertext;
            } else {
                assertArrayEquals(reference, ciphertext, "backends disagree: " + b.name());
            }
        }
        assertEquals(2, backends.size(), "3DES comes from the JDK and BouncyCastle");
    }

    @Test
    void secretNeverPrintsItsBytes() {
        Secret s = Secret.copyOf(PHASE1_KEY);
        String printed = s.toString() + String.valueOf(s);
        assertFalse(printed.toLowerCase().contains("820fdf71"), printed);
        assertFalse(printed.contains(Arrays.toString(PHASE1_KEY)), printed);
        assertFalse(printed.contains("-126"), printed); // 0x82 as a signed byte
        assertEquals("Secret[24 bytes]", s.toString());
        s.destroy();
        assertEquals("Secret[destroyed]", s.toString());
    }
}
