package org.ike4j.dataplane.esp;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.Optional;
import org.ike4j.config.Encryption;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Secret;

/** Test helpers: the suites under test, keys for them, inner packets. */
final class EspPackets {
    private EspPackets() {
    }

    static final EspSuite AES128_SHA1 = EspSuite.of(Encryption.of(CipherAlgorithm.AES_CBC_128), IntegrityAlgorithm.HMAC_SHA1_96);

    /** Every transform issue 5 names. */
    static EspSuite[] suites() {
        return new EspSuite[] {
            AES128_SHA1,
            EspSuite.of(Encryption.of(CipherAlgorithm.AES_CBC_256), IntegrityAlgorithm.HMAC_SHA2_256_128),
            EspSuite.of(Encryption.of(CipherAlgorithm.AES_CBC_192), IntegrityAlgorithm.HMAC_SHA2_384_192),
            EspSuite.of(Encryption.of(CipherAlgorithm.AES_CBC_128), IntegrityAlgorithm.HMAC_SHA2_512_256),
            EspSuite.of(Encryption.of(CipherAlgorithm.DES3_CBC), IntegrityAlgorithm.HMAC_SHA1_96),
            EspSuite.of(Encryption.of(CipherAlgorithm.AES_CTR_128), IntegrityAlgorithm.HMAC_SHA2_256_128),
            EspSuite.of(Encryption.of(CipherAlgorithm.NULL), IntegrityAlgorithm.HMAC_SHA2_256_128),
            EspSuite.of(Encryption.of(AeadAlgorithm.AES_GCM_16_128)),
            EspSuite.of(Encryption.of(AeadAlgorithm.AES_GCM_12_256)),
            EspSuite.of(Encryption.of(AeadAlgorithm.AES_GCM_8_128)),
            EspSuite.of(Encryption.of(AeadAlgorithm.CHACHA20_POLY1305)),
        };
    }

    static int encryptionKeySize(EspSuite s) {
        return switch (s.encryption()) {
            case Encryption.Cipher c -> c.algorithm().keySize();
            case Encryption.Aead a -> a.algorithm().keySize();
        };
    }

    /** A pair of one direction's halves sharing random keys. */
    record Pair(EspOutbound out, EspInbound in, Secret key, Secret integrityKey) {
    }

    static Pair pair(EspSuite suite, boolean esn, int window, Lifetime lifetime, java.util.function.Consumer<EspEvent> events) {
        SecureRandom r = new SecureRandom();
        byte[] k = new byte[encryptionKeySize(suite)];
        r.nextBytes(k);
        byte[] ik = new byte[suite.integrity().map(IntegrityAlgorithm::keySize).orElse(0)];
        r.nextBytes(ik);
        Secret key = Secret.wrap(k);
        Secret integrityKey = Secret.wrap(ik);
        int spi = 0xc0de0000 | r.nextInt(0xffff);
        EspOutbound out = new EspOutbound(spi, suite, esn, key, integrityKey, lifetime, Crypto.defaults(), r, events);
        EspInbound in = new EspInbound(spi, suite, esn, window, key, integrityKey, lifetime, Crypto.defaults(), events);
        return new Pair(out, in, key, integrityKey);
    }

    /** An IPv4 ICMP echo request of {@code length} bytes with valid checksums. */
    static byte[] icmpEcho(InetAddress src, InetAddress dst, int id, int seq, int length) {
        byte[] p = new byte[length];
        p[0] = 0x45;
        p[2] = (byte) (length >>> 8);
        p[3] = (byte) length;
        p[8] = 64;
        p[9] = 1;
        System.arraycopy(src.getAddress(), 0, p, 12, 4);
        System.arraycopy(dst.getAddress(), 0, p, 16, 4);
        int sum = checksum(p, 0, 20);
        p[10] = (byte) (sum >>> 8);
        p[11] = (byte) sum;
        p[20] = 8;
        p[24] = (byte) (id >>> 8);
        p[25] = (byte) id;
        p[26] = (byte) (seq >>> 8);
        p[27] = (byte) seq;
        for (int i = 28; i < length; i++) {
            p[i] = (byte) i;
        }
        int icmp = checksum(p, 20, length - 20);
        p[22] = (byte) (icmp >>> 8);
        p[23] = (byte) icmp;
        return p;
    }

    static int checksum(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = 0; i < len; i += 2) {
            int hi = b[off + i] & 0xFF;
            int lo = i + 1 < len ? b[off + i + 1] & 0xFF : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    static Optional<IntegrityAlgorithm> none() {
        return Optional.empty();
    }
}
