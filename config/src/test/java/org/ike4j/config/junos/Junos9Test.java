package org.ike4j.config.junos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Junos9Test {

    /** The seed's SRX-13 PSK; the server's ipsec.secrets holds the same key in clear. */
    @Test
    void seedSecretDecodesToServerPsk() {
        assertEquals("juniper123", Junos9.decodeToString("$9$spgaUqmT/CujHCuO1yrYgoJjH.P5F69"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "juniper123", "secret with spaces", "~!@#$%^&*()_+{}|:<>?",
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"})
    void roundTrips(String plain) {
        SplittableRandom random = new SplittableRandom(plain.hashCode());
        for (int i = 0; i < 50; i++) {
            String enc = Junos9.encode(plain, random);
            assertTrue(enc.startsWith("$9$"));
            assertEquals(plain, Junos9.decodeToString(enc));
        }
    }

    @Test
    void everyByteRoundTrips() {
        byte[] all = new byte[256 * 7];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (i / 7); // every byte value at every weight pattern
        }
        SplittableRandom random = new SplittableRandom(7);
        assertArrayEquals(all, Junos9.decode(Junos9.encode(all, random)));
    }

    @Test
    void saltVaries() {
        SplittableRandom random = new SplittableRandom(1);
        assertNotEquals(Junos9.encode("juniper123", random), Junos9.encode("juniper123", random));
    }

    @Test
    void rejectsGarbage() {
        assertThrows(IllegalArgumentException.class, () -> Junos9.decode("juniper123"));
        assertThrows(IllegalArgumentException.class, () -> Junos9.decode("$9$"));
        assertThrows(IllegalArgumentException.class, () -> Junos9.decode("$9$spgaUqmT/Cuj!"));
        // one character short of a whole group
        assertThrows(IllegalArgumentException.class, () -> Junos9.decode("$9$spgaUqmT/CujHCuO1yrYgoJjH.P5F6"));
    }
}
