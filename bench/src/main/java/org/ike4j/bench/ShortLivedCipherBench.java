package org.ike4j.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.CryptoBackend;
import org.ike4j.crypto.Integrity;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.bc.BcBackend;
import org.ike4j.crypto.jca.JcaBackend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The capture decoder's per-message crypto, per backend, on the JIT the decoder runs on: CBC
 * decryption of one IKE-sized message ({@link Cipher#decrypt}: 3DES-CBC, RFC 2451; AES-CBC-128,
 * RFC 3602) and the HMAC-SHA2-256-128 check of one (RFC 4868, {@link Integrity#verify}), with the
 * JDK's providers ({@code jca}, {@link JcaBackend}) against BouncyCastle's lightweight classes
 * ({@code bc}, {@link BcBackend}). Each call takes the next of {@code keys} messages, each under its
 * own key, as a decoder going through a capture in which the messages of many SAs interleave
 * (one key per SA): with 8 keys in turn neither backend's per-thread cache of keyed objects (each
 * keeps the last 4 keys, {@code crypto.KeptKeys}) ever holds the key asked for, so every message
 * pays its key schedule too. With {@code -p keys=1} every message has the same key, as in
 * bench/decoder's capture (every copied SA there has the logged keys), and only the block work is
 * left; the CPU-time {@link #main} also runs 2 keys in turn (an SA's two directions).
 *
 * <p>Why C1: the launcher runs {@code ike4j decode}, a short-lived process, with
 * {@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}, and the fork here runs with the same flags. C1
 * has none of C2's intrinsics for the JDK's AES, DES and SHA-2 (its AES-NI and SHA-NI code): the
 * JDK's ciphers run as plain Java there, as BouncyCastle's always do, so which backend is faster
 * under C1 need not be which is faster under C2 (the other benchmarks here, run on C2, find the
 * JDK's first). {@code DecoderCrypto} in the analysis module chooses the decoder's backends from
 * this benchmark.
 *
 * <p>Run (JDK 25; each JMH run about 2 minutes):
 * <pre>
 * java -jar bench/target/benchmarks.jar ShortLivedCipherBench
 * java -jar bench/target/benchmarks.jar ShortLivedCipherBench -p keys=1
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp bench/target/benchmarks.jar org.ike4j.bench.ShortLivedCipherBench [seconds] [rounds]
 * </pre>
 * The last is a companion for a loaded machine ({@link #main}): every case in one C1 process, timed
 * in the thread's CPU time, the two backends side by side in each round.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"})
@State(Scope.Thread)
public class ShortLivedCipherBench {

    @Param({"jca", "bc"})
    public String backend;

    /** Bytes per message: a Quick Mode or Informational message, and an IKE_AUTH one. */
    @Param({"64", "400"})
    public int size;

    /** Messages (and keys) taken in turn. */
    @Param({"8"})
    public int keys;

    private Cipher des3;
    private Cipher aes128;
    private Integrity hmacSha256;
    private Messages des3Messages;
    private Messages aes128Messages;
    private Messages hmacMessages;
    private int next;

    /** {@code keys} messages: key, IV, ciphertext (or text) and ICV of each. */
    private record Messages(byte[][] key, byte[][] iv, byte[][] text, byte[][] icv) {
    }

    @Setup(Level.Trial)
    public void setUp() {
        CryptoBackend b = switch (backend) {
            case "jca" -> new JcaBackend();
            case "bc" -> new BcBackend();
            default -> throw new IllegalArgumentException(backend);
        };
        des3 = b.cipher(CipherAlgorithm.DES3_CBC).orElseThrow();
        aes128 = b.cipher(CipherAlgorithm.AES_CBC_128).orElseThrow();
        hmacSha256 = b.integrity(IntegrityAlgorithm.HMAC_SHA2_256_128).orElseThrow();
        // the texts are made and checked with the other backend, so that a wrong result cannot
        // pass as a fast one
        CryptoBackend reference = backend.equals("jca") ? new BcBackend() : new JcaBackend();
        Random r = new Random(2409);
        des3Messages = cbc(r, reference, CipherAlgorithm.DES3_CBC, des3);
        aes128Messages = cbc(r, reference, CipherAlgorithm.AES_CBC_128, aes128);
        hmacMessages = hmac(r, reference);
    }

    private Messages cbc(Random r, CryptoBackend reference, CipherAlgorithm algorithm, Cipher benched) {
        Cipher made = reference.cipher(algorithm).orElseThrow();
        Messages m = new Messages(new byte[keys][], new byte[keys][], new byte[keys][], null);
        for (int i = 0; i < keys; i++) {
            byte[] plain = bytes(r, size);
            m.key[i] = bytes(r, algorithm.keySize());
            m.iv[i] = bytes(r, algorithm.ivSize());
            m.text[i] = made.encrypt(m.key[i], m.iv[i], plain);
            if (!Arrays.equals(benched.decrypt(m.key[i], m.iv[i], m.text[i]), plain)) {
                throw new IllegalStateException(backend + " " + algorithm + " does not decrypt what "
                        + reference.name() + " encrypted");
            }
        }
        return m;
    }

    private Messages hmac(Random r, CryptoBackend reference) {
        IntegrityAlgorithm algorithm = IntegrityAlgorithm.HMAC_SHA2_256_128;
        Integrity made = reference.integrity(algorithm).orElseThrow();
        Messages m = new Messages(new byte[keys][], null, new byte[keys][], new byte[keys][]);
        for (int i = 0; i < keys; i++) {
            m.key[i] = bytes(r, algorithm.keySize());
            m.text[i] = bytes(r, size);
            m.icv[i] = made.icv(m.key[i], m.text[i]);
            if (!hmacSha256.verify(m.key[i], m.icv[i], m.text[i])) {
                throw new IllegalStateException(backend + " " + algorithm + " refuses the ICV of " + reference.name());
            }
            byte[] wrong = m.icv[i].clone();
            wrong[0] ^= 1;
            if (hmacSha256.verify(m.key[i], wrong, m.text[i])) {
                throw new IllegalStateException(backend + " " + algorithm + " accepts a wrong ICV");
            }
        }
        return m;
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** The next message's index: the SAs in turn. */
    private int next() {
        int i = next;
        next = i + 1 == keys ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public byte[] des3CbcDecrypt() {
        int i = next();
        return des3.decrypt(des3Messages.key[i], des3Messages.iv[i], des3Messages.text[i]);
    }

    @Benchmark
    public byte[] aesCbc128Decrypt() {
        int i = next();
        return aes128.decrypt(aes128Messages.key[i], aes128Messages.iv[i], aes128Messages.text[i]);
    }

    @Benchmark
    public boolean hmacSha256Verify() {
        int i = next();
        return hmacSha256.verify(hmacMessages.key[i], hmacMessages.icv[i], hmacMessages.text[i]);
    }

    /**
     * The same cases timed in this thread's CPU time instead of wall-clock time (as {@code CpuTime}
     * does for the C2 benchmarks): on a shared machine JMH's averages include the time the thread
     * waited for a core. Runs {@code rounds} rounds (default 3) of {@code seconds} (default 1.5) of
     * CPU time per case, the jca and bc cases of one operation next to each other so that a change in
     * the machine's load falls on both, and prints each case's median round and the range. Refuses
     * to run unless started with {@code -XX:TieredStopAtLevel=1}: on C2 it would measure another JIT.
     */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> vm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (!vm.contains("-XX:TieredStopAtLevel=1")) {
            System.err.println("run with -XX:TieredStopAtLevel=1 -XX:+UseSerialGC, as the launcher runs the decoder");
            System.exit(2);
        }
        Map<String, Supplier<Object>> cases = new LinkedHashMap<>();
        for (String op : new String[] {"des3CbcDecrypt", "aesCbc128Decrypt", "hmacSha256Verify"}) {
            for (int keys : new int[] {1, 2, 8}) {
                for (int size : new int[] {64, 400}) {
                    for (String backend : new String[] {"jca", "bc"}) {
                        ShortLivedCipherBench b = new ShortLivedCipherBench();
                        b.backend = backend;
                        b.size = size;
                        b.keys = keys;
                        b.setUp();
                        Supplier<Object> call = switch (op) {
                            case "des3CbcDecrypt" -> b::des3CbcDecrypt;
                            case "aesCbc128Decrypt" -> b::aesCbc128Decrypt;
                            default -> b::hmacSha256Verify;
                        };
                        cases.put(String.format("%-17s keys=%d size=%-3d %s", op, keys, size, backend), call);
                    }
                }
            }
        }
        Map<String, List<Double>> results = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Supplier<Object>> c : cases.entrySet()) {
                if (round == 0) {
                    perOperation(c.getValue(), Math.min(seconds, 0.5)); // warm-up: C1 compiles early
                }
                results.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(perOperation(c.getValue(), seconds));
            }
        }
        System.out.println("VM: " + System.getProperty("java.vm.version") + " " + vm);
        System.out.printf("%-38s %12s %22s%n", "case", "median", "range of " + rounds + " rounds");
        for (Map.Entry<String, List<Double>> r : results.entrySet()) {
            List<Double> ns = new ArrayList<>(r.getValue());
            ns.sort(null);
            System.out.printf("%-38s %9.0f ns %10.0f - %.0f ns%n", r.getKey(), ns.get(ns.size() / 2), ns.getFirst(),
                    ns.getLast());
        }
    }

    /** Runs {@code op} for {@code seconds} of this thread's CPU time: CPU nanoseconds per call. */
    private static double perOperation(Supplier<Object> op, double seconds) {
        try {
            long[] r = CpuTime.run(op::get, seconds);
            return (double) r[1] / r[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
