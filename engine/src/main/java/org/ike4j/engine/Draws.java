package org.ike4j.engine;

import java.security.SecureRandom;

/**
 * What both engines draw from their injected random source: nonces and cookies, Child SA SPIs and
 * the moment an SA is renewed. Drawn from the engine's own source (never a global one) so that a
 * seeded test replays exactly.
 */
public final class Draws {
    private Draws() {
    }

    /** {@code n} random bytes. */
    public static byte[] bytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** A fresh ESP/AH SPI: random, 32 bits, never below 256 (RFC 4303 section 2.1 reserves 1..255). */
    public static int childSpi(SecureRandom random) {
        int spi;
        do {
            spi = random.nextInt();
        } while (Integer.compareUnsigned(spi, 256) < 0);
        return spi;
    }

    /**
     * When an SA of the given lifetime is renewed, as strongSwan's ipsec.conf(5) describes rekeymargin
     * and rekeyfuzz: {@code lifetime - margin - random(0, margin * fuzz / 100)}, so that both ends
     * (and two SAs of one connection) do not renew at the same moment. Any unit, the same for all
     * three values. A lifetime no longer than the margin gives 0 (no renewal); otherwise the fuzz
     * never brings the result below 1.
     */
    public static long rekeyTime(SecureRandom random, long lifetime, long margin, int fuzzPercent) {
        long base = lifetime - margin;
        if (base <= 0) {
            return 0;
        }
        long maxFuzz = margin / 100 * fuzzPercent + margin % 100 * fuzzPercent / 100;
        long fuzz = maxFuzz > 0 ? random.nextLong(maxFuzz + 1) : 0;
        return Math.max(1, base - fuzz);
    }
}
