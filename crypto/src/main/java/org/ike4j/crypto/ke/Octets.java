package org.ike4j.crypto.ke;

import java.math.BigInteger;
import java.util.Arrays;

/** Conversions between integers and the fixed-length octet strings that travel in KE payloads. */
final class Octets {
    private Octets() {
    }

    /**
     * {@code v} as an unsigned big-endian string of exactly {@code length} bytes, left-padded with
     * zeros (RFC 7296 section 3.4 and RFC 2409 section 5: a MODP public value is as long as the
     * prime; RFC 5903 section 7: ECP coordinates are as long as the field).
     */
    static byte[] leftPad(BigInteger v, int length) {
        if (v.signum() < 0 || v.bitLength() > 8 * length) {
            throw new IllegalArgumentException("value does not fit in " + length + " bytes");
        }
        byte[] raw = v.toByteArray();
        byte[] out = new byte[length];
        int skip = raw.length > length ? raw.length - length : 0; // a sign byte
        System.arraycopy(raw, skip, out, length - (raw.length - skip), raw.length - skip);
        Arrays.fill(raw, (byte) 0);
        return out;
    }

    /** Right-aligns {@code v} (already unsigned big-endian) in {@code length} bytes. */
    static byte[] leftPad(byte[] v, int length) {
        int skip = 0;
        while (v.length - skip > length && v[skip] == 0) {
            skip++;
        }
        if (v.length - skip > length) {
            throw new IllegalArgumentException("value does not fit in " + length + " bytes");
        }
        byte[] out = new byte[length];
        System.arraycopy(v, skip, out, length - (v.length - skip), v.length - skip);
        return out;
    }

    static BigInteger unsigned(byte[] bigEndian, int from, int to) {
        return new BigInteger(1, Arrays.copyOfRange(bigEndian, from, to));
    }

    /** RFC 7748 section 5: u-coordinates and scalars are little-endian. */
    static BigInteger unsignedLittleEndian(byte[] littleEndian) {
        byte[] be = reversed(littleEndian);
        try {
            return new BigInteger(1, be);
        } finally {
            Arrays.fill(be, (byte) 0);
        }
    }

    static byte[] littleEndian(BigInteger v, int length) {
        byte[] be = leftPad(v, length);
        byte[] le = reversed(be);
        Arrays.fill(be, (byte) 0);
        return le;
    }

    static byte[] reversed(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return out;
    }

    /** Constant time in the contents: true if every byte is zero. */
    static boolean allZero(byte[] b) {
        int acc = 0;
        for (byte x : b) {
            acc |= x;
        }
        return acc == 0;
    }
}
