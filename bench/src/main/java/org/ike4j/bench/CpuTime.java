package org.ike4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ike4j.crypto.CryptoBackend;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Secret;
import org.ike4j.crypto.accp.AccpBackend;
import org.ike4j.crypto.bc.BcBackend;
import org.ike4j.crypto.jca.JcaBackend;

/**
 * A companion to the JMH runs for a loaded machine: the same operations, timed in this thread's
 * CPU time rather than wall-clock time, as {@code openssl speed} reports its figures (operations
 * per second of the process's user CPU time). On a shared 2-core machine JMH's wall-clock averages
 * include the time the benchmark thread waited for a core; these do not (they still include
 * cache and frequency effects of the other load).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.ike4j.bench.CpuTime [seconds per case] [regex of cases]}
 */
public final class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTime() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        SecureRandom random = new SecureRandom();
        Map<String, Callable<Object>> cases = new LinkedHashMap<>();

        CodecBench codec = new CodecBench();
        codec.setUp();
        cases.put("CodecBench.mainModeDecode", codec::mainModeDecode);
        cases.put("CodecBench.mainModeEncode", codec::mainModeEncode);
        cases.put("CodecBench.ikeAuthPayloadsDecode", codec::ikeAuthPayloadsDecode);
        cases.put("CodecBench.ikeAuthMessageDecode", codec::ikeAuthMessageDecode);
        for (String suite : new String[] {"AES_CBC_256/HMAC_SHA2_256_128", "AES_GCM_16_256"}) {
            ProtectionBench p = new ProtectionBench();
            p.suite = suite;
            p.setUp();
            cases.put("ProtectionBench.open " + suite, p::open);
            cases.put("ProtectionBench.protect " + suite, p::protect);
        }
        for (String suite : new String[] {"aes128-sha1", "aes128gcm16", "aes256-sha256", "chacha20poly1305"}) {
            EspBench e = new EspBench();
            e.suite = suite;
            e.size = 1400;
            e.setUp();
            cases.put("EspBench.seal 1400 " + suite, e::seal);
            cases.put("EspBench.open 1400 " + suite, e::open);
        }
        for (String backend : new String[] {"jca", "accp"}) {
            PacketPathBench p = new PacketPathBench();
            p.backend = backend;
            p.size = 1400;
            p.setUp();
            cases.put("PacketPathBench.gcmSeal 1400 " + backend, p::gcmSeal);
            cases.put("PacketPathBench.gcmOpen 1400 " + backend, p::gcmOpen);
            cases.put("PacketPathBench.cbcEncrypt 1400 " + backend, p::cbcEncrypt);
            cases.put("PacketPathBench.cbcDecrypt 1400 " + backend, p::cbcDecrypt);
            cases.put("PacketPathBench.hmacSha1 1416 " + backend, p::hmacSha1);
            if (backend.equals("jca")) {
                cases.put("PacketPathBench.sum 1400", p::sum);
                cases.put("PacketPathBench.sumBefore 1400", p::sumBefore);
            }
        }
        CryptoBackend[] backends = {new JcaBackend(), new BcBackend(), new AccpBackend()};
        for (DhGroup g : new DhGroup[] {DhGroup.MODP_1024, DhGroup.MODP_2048, DhGroup.MODP_3072, DhGroup.ECP_256,
                DhGroup.ECP_384, DhGroup.CURVE25519, DhGroup.CURVE448}) {
            for (CryptoBackend b : backends) {
                if (!b.available() || b.keyExchange(g, random).isEmpty()) {
                    continue;
                }
                byte[] peer;
                try (KeyExchange k = b.keyExchange(g, random).orElseThrow()) {
                    peer = k.publicValue();
                }
                cases.put("KeyExchange one side " + g + " " + b.name(), () -> {
                    try (KeyExchange ke = b.keyExchange(g, random).orElseThrow()) {
                        byte[] pub = ke.publicValue();
                        try (Secret s = ke.sharedSecret(peer)) {
                            return s.length() > 0 ? pub : null;
                        }
                    }
                });
            }
        }

        System.out.printf("%-58s %14s %10s%n", "case (thread CPU time per operation)", "per op", "ops");
        java.util.regex.Pattern only = java.util.regex.Pattern.compile(args.length > 1 ? args[1] : ".*");
        for (Map.Entry<String, Callable<Object>> c : cases.entrySet()) {
            if (!only.matcher(c.getKey()).find()) {
                continue;
            }
            run(c.getValue(), seconds / 2); // warm-up
            long[] r = run(c.getValue(), seconds);
            double ns = (double) r[1] / r[0];
            String per = ns >= 10_000 ? String.format("%.1f us", ns / 1000) : String.format("%.0f ns", ns);
            System.out.printf("%-58s %14s %10d%n", c.getKey(), per, r[0]);
        }
    }

    /** Runs {@code op} until {@code seconds} of this thread's CPU time have passed: {operations, CPU ns}. */
    static long[] run(Callable<Object> op, double seconds) throws Exception {
        long budget = (long) (seconds * 1e9);
        long start = THREADS.getCurrentThreadCpuTime();
        long n = 0;
        long used;
        Object sink = null;
        do {
            for (int i = 0; i < 16; i++) {
                sink = op.call();
            }
            n += 16;
            used = THREADS.getCurrentThreadCpuTime() - start;
        } while (used < budget);
        if (sink == null) {
            throw new IllegalStateException("operation returned nothing");
        }
        return new long[] {n, used};
    }
}
