package org.ike4j.wire;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * An immutable byte string: nonces, SPIs, hash values, key exchange data, unknown payload bodies.
 * Records holding a {@code byte[]} would compare by identity and could be changed through the
 * array; holding {@code Bytes} they compare by content and stay immutable.
 */
public final class Bytes implements Comparable<Bytes> {
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] b;

    private Bytes(byte[] b) {
        this.b = b;
    }

    /** A copy of {@code b}. */
    public static Bytes of(byte[] b) {
        return b.length == 0 ? EMPTY : new Bytes(b.clone());
    }

    /** Takes {@code b} without copying: only for arrays nobody else holds. */
    public static Bytes wrap(byte[] b) {
        return b.length == 0 ? EMPTY : new Bytes(b);
    }

    public static Bytes fromHex(String hex) {
        return wrap(Hex.parse(hex));
    }

    public int length() {
        return b.length;
    }

    public boolean isEmpty() {
        return b.length == 0;
    }

    public byte get(int i) {
        return b[i];
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return b.clone();
    }

    /** Writes the bytes without an intermediate copy. */
    public void writeTo(ByteWriter w) {
        w.bytes(b);
    }

    public String hex() {
        return Hex.of(b);
    }

    /** Constant-time comparison, for hash and ICV values. */
    public boolean constantTimeEquals(byte[] other) {
        return MessageDigest.isEqual(b, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(b, other.b);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(b);
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(b, o.b);
    }

    @Override
    public String toString() {
        return Hex.of(b);
    }
}
