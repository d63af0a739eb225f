package org.ike4j.crypto.ke;

import java.security.SecureRandom;
import java.util.Random;

/** A repeatable stand-in for SecureRandom, so a test can see that a backend draws from the one it is given. */
final class SeededRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final Random random;

    SeededRandom(long seed) {
        this.random = new Random(seed);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        random.nextBytes(bytes);
    }

    @Override
    public byte[] generateSeed(int numBytes) {
        byte[] b = new byte[numBytes];
        random.nextBytes(b);
        return b;
    }

    @Override
    public void setSeed(long seed) {
        // SecureRandom's constructor calls this before the field exists; reseeding is not wanted.
    }
}
