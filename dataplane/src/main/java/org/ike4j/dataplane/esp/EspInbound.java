package org.ike4j.dataplane.esp;

import java.util.function.Consumer;
import org.ike4j.crypto.AuthenticationException;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.PacketAead;
import org.ike4j.crypto.PacketCipher;
import org.ike4j.crypto.PacketIntegrity;
import org.ike4j.crypto.Secret;

/**
 * The receiving side of an ESP SA in tunnel mode (RFC 4303 section 3.4), in place: length checks,
 * the sequence number against the anti-replay window (3.4.3), the ICV before anything is decrypted
 * (3.4.4), decryption, then the trailer: padding (2.4), pad length and next header (2.6). Only a
 * packet that passes everything moves the window.
 *
 * <p>{@link #open} answers with one {@code int}: when not negative, the inner packet's length and
 * next header ({@link #payloadLength}, {@link #nextHeader}); the packet then lies at
 * {@code offset + headerSize()}. A negative answer is a {@link Drop}, counted.
 *
 * <p>Not thread-safe: one SA direction, one thread at a time. No allocation per packet here.
 */
public final class EspInbound {

    /** Why a packet was dropped. */
    public enum Drop {
        /** Shorter than header, IV, trailer and ICV, or not a whole number of cipher blocks. */
        MALFORMED,
        /** Not this SA's SPI. */
        WRONG_SPI,
        /** Seen before, or below the window (RFC 4303 3.4.3). */
        REPLAY,
        /** The ICV did not verify (RFC 4303 3.4.4). */
        INTEGRITY,
        /** Pad length larger than the payload, or padding not 1, 2, 3... (RFC 4303 2.4). */
        BAD_PADDING,
        /** Not IPv4 (4) or IPv6 (41) in tunnel mode (RFC 4303 2.6). */
        BAD_NEXT_HEADER,
        /** A dummy packet, next header 59 (RFC 4303 2.6): discarded by design. */
        DUMMY,
        /** Past the hard lifetime. */
        EXPIRED;

        /** The value {@link #open} returns for this drop. */
        public int code() {
            return -1 - ordinal();
        }

        /** The drop an {@link #open} answer stands for. */
        public static Drop of(int code) {
            return values()[-1 - code];
        }
    }

    public static final int IPV4 = 4;
    public static final int IPV6 = 41;
    public static final int NO_NEXT_HEADER = 59;

    private final int spi;
    private final EspSuite suite;
    private final boolean esn;
    private final Lifetime lifetime;
    private final Consumer<EspEvent> events;
    private final PacketCipher cipher;
    private final PacketIntegrity integrity;
    private final PacketAead aead;
    private final ReplayWindow window;
    private final boolean tunnel;
    private final int headerSize;
    private final int alignment;
    private final int icvSize;
    private final byte[] scratch = new byte[16];
    private final byte[] icv = new byte[64];
    private final EspCounters counters = new EspCounters();
    private boolean softReported;
    private boolean hardReported;

    /** In tunnel mode, taking only IPv4 and IPv6. */
    public EspInbound(int spi, EspSuite suite, boolean esn, int replayWindow, Secret key, Secret integrityKey,
                      Lifetime lifetime, Crypto crypto, Consumer<EspEvent> events) {
        this(spi, suite, esn, replayWindow, key, integrityKey, lifetime, crypto, events, true);
    }

    /**
     * @param replayWindow packets; 0 turns the replay check off
     * @param tunnel true: only IPv4 and IPv6 inside; false (transport mode, known-answer tests): any
     *     next header
     */
    public EspInbound(int spi, EspSuite suite, boolean esn, int replayWindow, Secret key, Secret integrityKey,
                      Lifetime lifetime, Crypto crypto, Consumer<EspEvent> events, boolean tunnel) {
        this.tunnel = tunnel;
        this.spi = spi;
        this.suite = suite;
        this.esn = esn;
        this.lifetime = lifetime;
        this.events = events;
        this.window = new ReplayWindow(replayWindow, esn);
        this.headerSize = suite.headerSize();
        this.alignment = suite.alignment();
        this.icvSize = suite.icvSize();
        EspTransforms t = EspTransforms.key(suite, key, integrityKey, crypto);
        this.cipher = t.cipher();
        this.aead = t.aead();
        this.integrity = t.integrity();
    }

    public int spi() {
        return spi;
    }

    public EspSuite suite() {
        return suite;
    }

    /** Where the inner packet starts, counted from the ESP packet's start. */
    public int headerSize() {
        return headerSize;
    }

    public EspCounters.Stats stats() {
        return counters.stats();
    }

    /** The highest sequence number accepted. */
    public long highestSequenceNumber() {
        return window.top();
    }

    /** For known-answer tests that start in the middle of a sequence number space. */
    void startWindowAt(long sequenceNumber) {
        window.accept(sequenceNumber);
    }

    /** The inner packet's length from a non-negative {@link #open} answer. */
    public static int payloadLength(int result) {
        return result >>> 8;
    }

    /** The next header from a non-negative {@link #open} answer. */
    public static int nextHeader(int result) {
        return result & 0xFF;
    }

    /**
     * Opens the ESP packet at {@code buf[offset, offset + length)} (from the SPI on, without any
     * UDP header, RFC 3948 section 2.1).
     *
     * @return {@code payloadLength << 8 | nextHeader}, or a negative {@link Drop#code()}
     */
    public int open(byte[] buf, int offset, int length) {
        int encrypted = length - headerSize - icvSize;
        if (encrypted < 2 || encrypted % alignment != 0 || offset < 0 || offset + length > buf.length) {
            return drop(Drop.MALFORMED);
        }
        if (EspOutbound.getInt(buf, offset) != spi) {
            return drop(Drop.WRONG_SPI);
        }
        if (hardReported) {
            return drop(Drop.EXPIRED);
        }
        long seq = window.infer(EspOutbound.getInt(buf, offset + 4));
        if (window.isReplay(seq)) {
            counters.replay();
            return Drop.REPLAY.code();
        }
        int ivOffset = offset + 8;
        int payloadOffset = offset + headerSize;
        if (aead != null) {
            EspOutbound.putInt(scratch, 0, spi);
            int aadLength;
            if (esn) {
                EspOutbound.putLong(scratch, 4, seq);
                aadLength = 12;
            } else {
                EspOutbound.putInt(scratch, 4, (int) seq);
                aadLength = 8;
            }
            try {
                aead.open(buf, ivOffset, scratch, 0, aadLength, buf, payloadOffset, encrypted + icvSize);
            } catch (AuthenticationException e) {
                counters.integrityFailure();
                return Drop.INTEGRITY.code();
            }
        } else {
            if (integrity != null) {
                int icvOffset = offset + length - icvSize;
                EspOutbound.putInt(scratch, 0, (int) (seq >>> 32));
                integrity.icv(buf, offset, icvOffset - offset, scratch, 0, esn ? 4 : 0, icv, 0);
                int diff = 0;
                for (int i = 0; i < icvSize; i++) {
                    diff |= icv[i] ^ buf[icvOffset + i];
                }
                if (diff != 0) {
                    counters.integrityFailure();
                    return Drop.INTEGRITY.code();
                }
            }
            cipher.decrypt(buf, ivOffset, buf, payloadOffset, encrypted);
        }
        int end = payloadOffset + encrypted;
        int nextHeader = buf[end - 1] & 0xFF;
        int padLength = buf[end - 2] & 0xFF;
        int payloadLength = encrypted - 2 - padLength;
        if (payloadLength < 0) {
            return drop(Drop.BAD_PADDING);
        }
        for (int i = 0; i < padLength; i++) {
            if (buf[payloadOffset + payloadLength + i] != (byte) (i + 1)) {
                return drop(Drop.BAD_PADDING);
            }
        }
        // authentic from here: the window moves even if the content is then refused
        window.accept(seq);
        if (nextHeader == NO_NEXT_HEADER) {
            return drop(Drop.DUMMY);
        }
        if (tunnel && nextHeader != IPV4 && nextHeader != IPV6) {
            return drop(Drop.BAD_NEXT_HEADER);
        }
        counters.packet(payloadLength);
        checkLifetime();
        return payloadLength << 8 | nextHeader;
    }

    private int drop(Drop d) {
        counters.other();
        return d.code();
    }

    private void checkLifetime() {
        EspCounters.Stats s = counters.stats();
        if (!hardReported && (Lifetime.reached(lifetime.hardBytes(), s.bytes())
                || Lifetime.reached(lifetime.hardPackets(), s.packets()))) {
            hardReported = true;
            events.accept(new EspEvent.HardExpired(spi, true, "hard lifetime: " + s.bytes() + " bytes, "
                    + s.packets() + " packets"));
        } else if (!softReported && (Lifetime.reached(lifetime.softBytes(), s.bytes())
                || Lifetime.reached(lifetime.softPackets(), s.packets()))) {
            softReported = true;
            events.accept(new EspEvent.SoftExpired(spi, true, "soft lifetime: " + s.bytes() + " bytes, "
                    + s.packets() + " packets"));
        }
    }

    @Override
    public String toString() {
        return String.format("ESP in %08x %s", spi, suite);
    }
}
