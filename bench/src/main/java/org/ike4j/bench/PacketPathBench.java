package org.ike4j.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.AuthenticationException;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.PacketCipher;
import org.ike4j.crypto.PacketIntegrity;
import org.ike4j.crypto.CryptoBackend;
import org.ike4j.crypto.PacketAead;
import org.ike4j.crypto.accp.AccpBackend;
import org.ike4j.crypto.jca.JcaBackend;
import org.ike4j.dataplane.tun.Offload;
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
 * The userspace dataplane's per-segment work besides ESP framing, for a 1400-byte packet: the
 * RFC 1071 sum ({@code Offload.sum}, against the four-byte big-endian loop it replaced, kept
 * here as {@link #sumBefore}), and AES-GCM-16-128 seal and open through {@link PacketAead} of
 * each backend that offers it ({@code backend=jca}: SunJCE; {@code accp}: ACCP/AWS-LC), to choose
 * the packet path's AEAD backend by measurement; and the aes128-sha1 suite's AES-CBC-128 and
 * HMAC-SHA1-96 through {@code PacketCipher} / {@code PacketIntegrity} of each backend.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PacketPathBench {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    @Param({"jca", "accp"})
    public String backend;

    @Param({"1400"})
    public int size;

    private byte[] buf;
    private byte[] sealed;
    private int sealedLength;
    private final byte[] iv = new byte[8];
    /** The sealed packet's IV: its own, since {@link #gcmSeal} moves {@link #iv} on. */
    private final byte[] openIv = new byte[8];
    private final byte[] aad = new byte[8];
    private PacketAead sealer;
    private PacketCipher cbc;
    private PacketIntegrity hmac;
    private final byte[] icv = new byte[20];
    private final byte[] cbcIv = new byte[16];
    private PacketAead opener;
    private long seq;

    @Setup(Level.Trial)
    public void setUp() throws AuthenticationException {
        Random r = new Random(4106);
        buf = new byte[size + 64];
        r.nextBytes(buf);
        CryptoBackend b = switch (backend) {
            case "jca" -> new JcaBackend();
            case "accp" -> new AccpBackend();
            default -> throw new IllegalArgumentException(backend);
        };
        if (!b.available()) {
            throw new IllegalStateException(backend + " is not available here");
        }
        AeadAlgorithm a = AeadAlgorithm.AES_GCM_16_128;
        byte[] key = new byte[a.keySize()];
        r.nextBytes(key);
        sealer = b.aead(a).orElseThrow().forPackets(key);
        opener = b.aead(a).orElseThrow().forPackets(key);
        byte[] ck = new byte[16];
        byte[] ik = new byte[20];
        r.nextBytes(ck);
        r.nextBytes(ik);
        cbc = b.cipher(CipherAlgorithm.AES_CBC_128).orElseThrow().forPackets(ck);
        hmac = b.integrity(IntegrityAlgorithm.HMAC_SHA1_96).orElseThrow().forPackets(ik);
        sealed = new byte[size + 64];
        System.arraycopy(buf, 0, sealed, 0, size);
        sealedLength = sealer.seal(iv, 0, aad, 0, 8, sealed, 0, size);
        byte[] check = sealed.clone();
        opener.open(iv, 0, aad, 0, 8, check, 0, sealedLength);
    }

    @Benchmark
    public long sum() {
        return Offload.sum(buf, 20, size - 20, 0);
    }

    @Benchmark
    public long sumBefore() {
        long s = 0;
        int i = 20;
        int end = size;
        for (; i + 4 <= end; i += 4) {
            s += (int) INT.get(buf, i) & 0xFFFFFFFFL;
        }
        for (; i + 2 <= end; i += 2) {
            s += ((buf[i] & 0xFF) << 8) | (buf[i + 1] & 0xFF);
        }
        return s;
    }

    /** A fresh IV each call, as ESP's sequence number gives (the providers refuse a repeated one). */
    @Benchmark
    public int gcmSeal() {
        seq++;
        iv[7] = (byte) seq;
        iv[6] = (byte) (seq >>> 8);
        iv[5] = (byte) (seq >>> 16);
        iv[4] = (byte) (seq >>> 24);
        return sealer.seal(iv, 0, aad, 0, 8, buf, 0, size);
    }

    /** The aes128-sha1 suite's two parts, as {@code EspOutbound.seal} calls them: AES-CBC-128 in place... */
    @Benchmark
    public byte cbcEncrypt() {
        cbc.encrypt(cbcIv, 0, buf, 16, size / 16 * 16);
        return buf[16];
    }

    @Benchmark
    public byte cbcDecrypt() {
        cbc.decrypt(cbcIv, 0, buf, 16, size / 16 * 16);
        return buf[16];
    }

    /** ... and HMAC-SHA1-96 over header, IV and ciphertext. */
    @Benchmark
    public byte hmacSha1() {
        hmac.icv(buf, 0, size + 16, icv, 0, 0, icv, 0);
        return icv[0];
    }

    @Benchmark
    public int gcmOpen() throws AuthenticationException {
        System.arraycopy(sealed, 0, buf, 0, sealedLength);
        return opener.open(openIv, 0, aad, 0, 8, buf, 0, sealedLength);
    }
}
