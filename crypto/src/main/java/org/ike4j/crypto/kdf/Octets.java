package org.ike4j.crypto.kdf;

import java.util.Arrays;
import org.ike4j.crypto.Secret;

/** Small byte helpers shared by the derivations; nothing here keeps key bytes beyond a call. */
final class Octets {
    private Octets() {
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static void wipe(byte[]... arrays) {
        for (byte[] a : arrays) {
            if (a != null) {
                Arrays.fill(a, (byte) 0);
            }
        }
    }

    /** The revealed bytes of {@code s}, or an empty array for an absent optional secret. */
    static byte[] revealOrEmpty(Secret s) {
        return s == null ? new byte[0] : s.reveal();
    }

    static byte[] requireLength(byte[] value, int length, String name) {
        if (value.length != length) {
            throw new IllegalArgumentException(name + " must be " + length + " bytes, not " + value.length);
        }
        return value;
    }
}
