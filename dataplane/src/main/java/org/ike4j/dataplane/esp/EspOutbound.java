package org.ike4j.dataplane.esp;

import java.security.SecureRandom;
import java.util.function.Consumer;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.PacketAead;
import org.ike4j.crypto.PacketCipher;
import org.ike4j.crypto.PacketIntegrity;
import org.ike4j.crypto.Secret;

/**
 * The sending side of an ESP SA in tunnel mode (RFC 4303 section 3.3): takes an inner IP packet
 * where it lies in a buffer and turns it, in place, into an ESP packet, writing the header in the
 * room before it and the trailer and ICV in the room after it.
 *
 * <pre>
 *  espStart                      payloadOffset
 *  | SPI | Seq | IV (ivSize) |   | inner packet | padding | pad len | next hdr | ICV |
 *  |<------ headerSize ----->|   |<---------- encrypted (multiple of alignment) -->|
 * </pre>
 *
 * <p>IVs: AES-GCM and ChaCha20-Poly1305 carry the 64-bit sequence number as their explicit IV,
 * unique per SA as RFC 4106 section 3.1 and RFC 7634 section 2 require; AES-CTR likewise (RFC 3686
 * section 3.1). CBC needs unpredictable IVs (RFC 3602 section 2.1): each is AES, under a random key
 * of this SA's own, of the sequence number, which is unpredictable without that key and never
 * repeats. Padding is the default 1, 2, 3... of section 2.4.
 *
 * <p>Not thread-safe: one SA direction, one thread at a time. No allocation per packet here;
 * the JCA providers behind {@code org.ike4j.crypto} allocate small parameter objects per init.
 */
public final class EspOutbound {
    /** {@link #seal} refused: the SA is past its hard lifetime or out of sequence numbers. */
    public static final int EXPIRED = -1;
    /** {@link #seal} refused: too little room before or after the payload. */
    public static final int NO_ROOM = -2;

    private final int spi;
    private final EspSuite suite;
    private final boolean esn;
    private final Lifetime lifetime;
    private final Consumer<EspEvent> events;
    private final PacketCipher cipher;
    private final PacketIntegrity integrity;
    private final PacketAead aead;
    private final PacketCipher ivGenerator;
    private final boolean counterIv;
    private final int headerSize;
    private final int ivSize;
    private final int alignment;
    private final int icvSize;
    private final byte[] scratch = new byte[32];
    private final EspCounters counters = new EspCounters();
    private long seq;
    private boolean softReported;
    private boolean hardReported;

    /**
     * @param key the encryption key (with salt for an AEAD); integrityKey empty with an AEAD
     * @param random seeds the CBC IV key
     */
    public EspOutbound(int spi, EspSuite suite, boolean esn, Secret key, Secret integrityKey, Lifetime lifetime,
                       Crypto crypto, SecureRandom random, Consumer<EspEvent> events) {
        this.spi = spi;
        this.suite = suite;
        this.esn = esn;
        this.lifetime = lifetime;
        this.events = events;
        this.headerSize = suite.headerSize();
        this.ivSize = suite.ivSize();
        this.alignment = suite.alignment();
        this.icvSize = suite.icvSize();
        EspTransforms t = EspTransforms.key(suite, key, integrityKey, crypto);
        this.cipher = t.cipher();
        this.aead = t.aead();
        this.integrity = t.integrity();
        this.counterIv = EspTransforms.counterIv(suite);
        this.ivGenerator = EspTransforms.cbcIvGenerator(suite, crypto, random);
    }

    public int spi() {
        return spi;
    }

    public EspSuite suite() {
        return suite;
    }

    /** Bytes {@link #seal} needs before the payload. */
    public int headerSize() {
        return headerSize;
    }

    /** Bytes {@link #seal} may need after the payload. */
    public int maxTrailer() {
        return suite.maxTrailer();
    }

    /** The last sequence number sent. */
    public long sequenceNumber() {
        return seq;
    }

    public EspCounters.Stats stats() {
        return counters.stats();
    }

    /**
     * Seals the inner packet at {@code buf[payloadOffset, payloadOffset + payloadLength)}.
     *
     * @param nextHeader 4 for an IPv4 packet, 41 for IPv6 (tunnel mode, RFC 4303 section 2.6)
     * @return the ESP packet's length, which starts at {@code payloadOffset - headerSize()}; or
     *     {@link #EXPIRED} or {@link #NO_ROOM}
     */
    public int seal(byte[] buf, int payloadOffset, int payloadLength, int nextHeader) {
        int espStart = payloadOffset - headerSize;
        int padLength = (alignment - (payloadLength + 2) % alignment) % alignment;
        int encrypted = payloadLength + padLength + 2;
        if (espStart < 0 || payloadOffset + encrypted + icvSize > buf.length) {
            counters.other();
            return NO_ROOM;
        }
        if (hardReported || !nextSequence()) {
            counters.other();
            return EXPIRED;
        }
        putInt(buf, espStart, spi);
        putInt(buf, espStart + 4, (int) seq);
        int ivOffset = espStart + 8;
        if (counterIv) {
            putLong(buf, ivOffset, seq);
        } else if (ivGenerator != null) {
            java.util.Arrays.fill(scratch, 0, 32, (byte) 0);
            putLong(scratch, 24, seq);
            // AES-ECB of the counter: CBC over one block with a zero IV
            ivGenerator.encrypt(scratch, 0, scratch, 16, 16);
            System.arraycopy(scratch, 16, buf, ivOffset, ivSize);
        }
        int trailer = payloadOffset + payloadLength;
        for (int i = 0; i < padLength; i++) {
            buf[trailer + i] = (byte) (i + 1);
        }
        buf[trailer + padLength] = (byte) padLength;
        buf[trailer + padLength + 1] = (byte) nextHeader;
        int end;
        if (aead != null) {
            // RFC 4106 section 5 / RFC 7634 section 3: AAD = SPI | seq (32 bits), or SPI | seq (64 bits) with ESN
            putInt(scratch, 0, spi);
            int aadLength;
            if (esn) {
                putLong(scratch, 4, seq);
                aadLength = 12;
            } else {
                putInt(scratch, 4, (int) seq);
                aadLength = 8;
            }
            end = payloadOffset + aead.seal(buf, ivOffset, scratch, 0, aadLength, buf, payloadOffset, encrypted);
        } else {
            cipher.encrypt(buf, ivOffset, buf, payloadOffset, encrypted);
            end = payloadOffset + encrypted;
            if (integrity != null) {
                // RFC 4303 section 3.3.4: the ICV covers SPI to next header, plus the high-order
                // sequence bits with ESN (section 2.2.1), which are not sent
                putInt(scratch, 0, (int) (seq >>> 32));
                integrity.icv(buf, espStart, end - espStart, scratch, 0, esn ? 4 : 0, buf, end);
                end += icvSize;
            }
        }
        counters.packet(payloadLength);
        checkLifetime();
        return end - espStart;
    }

    private boolean nextSequence() {
        // RFC 4303 3.3.3: the counter never cycles; without ESN it stops at 2^32 - 1
        long next = seq + 1;
        if ((!esn && next > 0xFFFFFFFFL) || next == 0) {
            hardReported = true;
            events.accept(new EspEvent.HardExpired(spi, false, "sequence numbers used up"));
            return false;
        }
        seq = next;
        return true;
    }

    private void checkLifetime() {
        EspCounters.Stats s = counters.stats();
        if (!hardReported && (Lifetime.reached(lifetime.hardBytes(), s.bytes())
                || Lifetime.reached(lifetime.hardPackets(), s.packets()))) {
            hardReported = true;
            events.accept(new EspEvent.HardExpired(spi, false, "hard lifetime: " + s.bytes() + " bytes, "
                    + s.packets() + " packets"));
        } else if (!softReported && (Lifetime.reached(lifetime.softBytes(), s.bytes())
                || Lifetime.reached(lifetime.softPackets(), s.packets()))) {
            softReported = true;
            events.accept(new EspEvent.SoftExpired(spi, false, "soft lifetime: " + s.bytes() + " bytes, "
                    + s.packets() + " packets"));
        }
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static void putLong(byte[] b, int off, long v) {
        putInt(b, off, (int) (v >>> 32));
        putInt(b, off + 4, (int) v);
    }

    static int getInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    @Override
    public String toString() {
        return String.format("ESP out %08x %s", spi, suite);
    }
}
