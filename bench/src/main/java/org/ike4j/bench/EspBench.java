package org.ike4j.bench;

import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ike4j.config.Encryption;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Secret;
import org.ike4j.dataplane.esp.EspInbound;
import org.ike4j.dataplane.esp.EspOutbound;
import org.ike4j.dataplane.esp.EspSuite;
import org.ike4j.dataplane.esp.Lifetime;
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
 * The userspace dataplane's per-packet crypto work (RFC 4303 tunnel mode, in place): {@code seal}
 * of a 1400-byte inner packet (header, IV, padding, trailer, encryption, ICV), and {@code open}
 * of the sealed packet (ICV check, decryption, trailer checks). {@code open} first copies the
 * sealed packet into its work buffer (1.4 kB, tens of nanoseconds) because opening decrypts in
 * place; its SA has the replay window off so the same packet opens every time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class EspBench {
    private static final int HEAD = 64;

    @Param({"aes128-sha1", "aes128gcm16", "aes256-sha256", "chacha20poly1305"})
    public String suite;

    @Param({"1400"})
    public int size;

    private EspOutbound out;
    private EspInbound in;
    private byte[] work;
    private byte[] sealed;
    private int sealedLength;

    static EspSuite suite(String name) {
        return switch (name) {
            case "aes128-sha1" -> EspSuite.of(Encryption.of(CipherAlgorithm.AES_CBC_128), IntegrityAlgorithm.HMAC_SHA1_96);
            case "aes256-sha256" -> EspSuite.of(Encryption.of(CipherAlgorithm.AES_CBC_256), IntegrityAlgorithm.HMAC_SHA2_256_128);
            case "aes128gcm16" -> EspSuite.of(Encryption.of(AeadAlgorithm.AES_GCM_16_128));
            case "chacha20poly1305" -> EspSuite.of(Encryption.of(AeadAlgorithm.CHACHA20_POLY1305));
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Setup(Level.Trial)
    public void setUp() {
        EspSuite s = suite(suite);
        Random r = new Random(4303);
        int keySize = switch (s.encryption()) {
            case Encryption.Cipher c -> c.algorithm().keySize();
            case Encryption.Aead a -> a.algorithm().keySize();
        };
        byte[] k = new byte[keySize];
        byte[] ik = new byte[s.integrity().map(IntegrityAlgorithm::keySize).orElse(0)];
        r.nextBytes(k);
        r.nextBytes(ik);
        // the ESN space, so that a long run never runs out of sequence numbers
        out = new EspOutbound(0x1234, s, true, Secret.wrap(k), Secret.wrap(ik), Lifetime.NONE, Crypto.defaults(),
                new SecureRandom(), e -> { });
        in = new EspInbound(0x1234, s, true, 0, Secret.wrap(k.clone()), Secret.wrap(ik.clone()), Lifetime.NONE,
                Crypto.defaults(), e -> { });
        work = new byte[HEAD + size + 128];
        r.nextBytes(work);
        work[HEAD] = 0x45;
        sealedLength = out.seal(work, HEAD, size, EspInbound.IPV4);
        sealed = java.util.Arrays.copyOfRange(work, HEAD - out.headerSize(), HEAD - out.headerSize() + sealedLength);
        if (in.open(sealed.clone(), 0, sealedLength) < 0) {
            throw new IllegalStateException("the sealed packet does not open");
        }
    }

    @Benchmark
    public int seal() {
        return out.seal(work, HEAD, size, EspInbound.IPV4);
    }

    @Benchmark
    public int open() {
        System.arraycopy(sealed, 0, work, 0, sealedLength);
        return in.open(work, 0, sealedLength);
    }

}
