package org.ike4j.crypto.ke;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.ke.KeyExchanges.Backend;

/**
 * A rough timing loop, not a test and not a benchmark harness (JMH replaces it later): key
 * generation plus shared secret for one side, per backend, the best of several rounds, in thread
 * CPU time so that other load on the machine inflates it less than wall time.
 * Run from the crypto module's test classpath with group names as arguments, e.g.
 * {@code MODP_2048 ECP_256 CURVE25519}.
 */
public final class KeyExchangeTiming {
    private KeyExchangeTiming() {
    }

    public static void main(String[] args) throws Exception {
        SecureRandom random = new SecureRandom();
        List<DhGroup> groups = new ArrayList<>();
        for (String a : args) {
            groups.add(DhGroup.valueOf(a));
        }
        if (groups.isEmpty()) {
            groups = List.of(DhGroup.MODP_1024, DhGroup.MODP_2048, DhGroup.ECP_256, DhGroup.CURVE25519);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (DhGroup group : groups) {
            byte[] peer = Backend.BC.create(group, random).orElseThrow().publicValue();
            for (Backend backend : Backend.values()) {
                Optional<KeyExchange> probe = backend.supports(group) ? backend.create(group, random) : Optional.empty();
                if (probe.isEmpty()) {
                    continue;
                }
                probe.get().close();
                run(backend, group, random, peer, mx, 1_500_000_000L); // warm-up
                double best = Double.MAX_VALUE;
                double bestKeygen = Double.MAX_VALUE;
                for (int round = 0; round < 5; round++) {
                    double[] r = run(backend, group, random, peer, mx, 400_000_000L);
                    best = Math.min(best, r[0]);
                    bestKeygen = Math.min(bestKeygen, r[1]);
                }
                System.out.printf("%-14s %-5s %.3f ms per side (keygen %.3f) CPU time%n",
                    group, backend.name().toLowerCase(java.util.Locale.ROOT), best, bestKeygen);
            }
        }
    }

    /** Milliseconds of CPU per side and per key generation, over about {@code nanos} of wall time. */
    private static double[] run(Backend backend, DhGroup group, SecureRandom random, byte[] peer, ThreadMXBean mx,
                                long nanos) throws Exception {
        long end = System.nanoTime() + nanos;
        long keygen = 0;
        long total = 0;
        int n = 0;
        while (System.nanoTime() < end) {
            long t0 = mx.getCurrentThreadCpuTime();
            KeyExchange ke = backend.create(group, random).orElseThrow();
            long t1 = mx.getCurrentThreadCpuTime();
            ke.sharedSecret(peer).destroy();
            long t2 = mx.getCurrentThreadCpuTime();
            ke.close();
            keygen += t1 - t0;
            total += t2 - t0;
            n++;
        }
        return new double[] {total / 1e6 / n, keygen / 1e6 / n};
    }
}
