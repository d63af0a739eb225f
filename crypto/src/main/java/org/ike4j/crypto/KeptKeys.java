package org.ike4j.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * One thread's keyed objects (a backend's Macs and ciphers) for the last {@value #KEPT} keys it used: a key
 * that comes back finds its object keyed already, and only a key not kept re-keys one (the oldest
 * slot in turn). Keying is what costs for short inputs: an HMAC's inner and outer pads, a 3DES or
 * AES key schedule. The two directions of an SA (SK_ai and SK_ar in turn), a run of PRF calls
 * under one SKEYID, or a capture decoder going from SA to SA each repeat a few keys.
 *
 * <p>A thread holds copies of its last keys, as the keyed objects hold them in their own form.
 * Not thread-safe: one per thread. For the backends (the JDK's and BouncyCastle's).
 *
 * @param <T> the keyed object
 */
public abstract class KeptKeys<T> {

    private static final int KEPT = 4;

    private final Object[] objects = new Object[KEPT];
    private final byte[][] keys = new byte[KEPT][];
    private int next;

    /** A new object, not keyed yet. */
    protected abstract T make();

    /** Keys {@code object} with {@code key}. */
    protected abstract void key(T object, byte[] key) throws GeneralSecurityException;

    /** The object keyed with {@code key}: a kept one, or the oldest slot's re-keyed. */
    @SuppressWarnings("unchecked")
    public final T keyed(byte[] key) throws GeneralSecurityException {
        for (int i = 0; i < KEPT; i++) {
            if (keys[i] != null && MessageDigest.isEqual(keys[i], key)) {
                return (T) objects[i];
            }
        }
        int i = next;
        next = (next + 1) % KEPT;
        if (objects[i] == null) {
            objects[i] = make();
        }
        // forgotten first: a key that fails leaves the slot empty, not holding another key's object
        keys[i] = null;
        key((T) objects[i], key);
        keys[i] = key.clone();
        return (T) objects[i];
    }
}
