package org.ike4j.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Key material: pre-shared keys, Diffie-Hellman shared secrets, SKEYID and its children, SK_*,
 * KEYMAT. It prints only its length, so that no log line, exception message or debugger summary
 * carries a key by accident; the bytes are reached only through {@link #reveal()}, which is easy to
 * search for. {@link #destroy()} overwrites them.
 */
public final class Secret implements Destroyable, AutoCloseable {
    private final byte[] bytes;
    private volatile boolean destroyed;

    private Secret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A secret holding a copy of {@code bytes}; the caller may wipe its array afterwards. */
    public static Secret copyOf(byte[] bytes) {
        return new Secret(bytes.clone());
    }

    /** A secret taking ownership of {@code bytes} without copying. */
    public static Secret wrap(byte[] bytes) {
        return new Secret(bytes);
    }

    public int length() {
        return bytes.length;
    }

    /** A copy of the key bytes. */
    public byte[] reveal() {
        check();
        return bytes.clone();
    }

    /** Bytes {@code from} (inclusive) to {@code to} (exclusive), as a new secret. */
    public Secret slice(int from, int to) {
        check();
        return new Secret(Arrays.copyOfRange(bytes, from, to));
    }

    /** This secret followed by {@code other}. */
    public Secret concat(Secret other) {
        check();
        other.check();
        byte[] out = Arrays.copyOf(bytes, bytes.length + other.bytes.length);
        System.arraycopy(other.bytes, 0, out, bytes.length, other.bytes.length);
        return new Secret(out);
    }

    /** Constant-time comparison with raw bytes. */
    public boolean sameAs(byte[] other) {
        check();
        return MessageDigest.isEqual(bytes, other);
    }

    private void check() {
        if (destroyed) {
            throw new IllegalStateException("secret was destroyed");
        }
    }

    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && !destroyed && !s.destroyed && MessageDigest.isEqual(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return destroyed ? "Secret[destroyed]" : "Secret[" + bytes.length + " bytes]";
    }
}
