package org.ike4j.bench;

import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Secret;
import org.ike4j.engine.v2.protection.SkKeys;
import org.ike4j.engine.v2.protection.SkProtector;
import org.ike4j.engine.v2.protection.SkSuite;
import org.ike4j.engine.v2.protection.Unprotected;
import org.ike4j.wire.v2.Ikev2Decoder;
import org.ike4j.wire.v2.Payload;
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
 * SK protection of an IKE_AUTH request (RFC 7296 section 3.14): {@code open} is outer decode,
 * ICV check, decryption and inner decode; {@code protect} is inner encode, padding, encryption
 * and ICV. With AES-CBC-256 / HMAC-SHA2-256-128 the message opened is the real captured one
 * ({@link Fixtures}); with AES-GCM-16-256 it is the same inner payloads protected in setup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ProtectionBench {

    @Param({"AES_CBC_256/HMAC_SHA2_256_128", "AES_GCM_16_256"})
    public String suite;

    private SkProtector protector;
    private List<Payload> inner;
    private byte[] datagram;
    private org.ike4j.wire.v2.Ikev2Header header;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        inner = Ikev2Decoder.decodePayloads(Fixtures.ikeAuthInner(), Fixtures.IKE_AUTH_FIRST, Ikev2Decoder.Mode.STRICT);
        header = Fixtures.ikeAuthPlainMessage(inner).header();
        if (suite.startsWith("AES_CBC_256")) {
            SkSuite s = new SkSuite.Classic(CipherAlgorithm.AES_CBC_256, IntegrityAlgorithm.HMAC_SHA2_256_128);
            protector = new SkProtector(Crypto.defaults(), s,
                    new SkKeys(Secret.wrap(Fixtures.hex(Fixtures.SK_EI)), Secret.wrap(Fixtures.hex(Fixtures.SK_AI))),
                    new SecureRandom());
            datagram = Fixtures.hex(Fixtures.IKE_AUTH_DATAGRAM);
        } else {
            SkSuite s = new SkSuite.Combined(AeadAlgorithm.valueOf(suite));
            byte[] key = new byte[s.encryptionKeySize()];
            new Random(1).nextBytes(key);
            protector = new SkProtector(Crypto.defaults(), s, new SkKeys(Secret.wrap(key), Secret.wrap(new byte[0])),
                    new SecureRandom());
            datagram = protector.protect(header, inner);
        }
        if (!(protector.open(datagram) instanceof Unprotected.Message m) || !m.inner().equals(inner)) {
            throw new IllegalStateException("fixture does not open to the captured payloads");
        }
    }

    @Benchmark
    public Unprotected open() {
        return protector.open(datagram);
    }

    @Benchmark
    public byte[] protect() {
        return protector.protect(header, inner);
    }
}
