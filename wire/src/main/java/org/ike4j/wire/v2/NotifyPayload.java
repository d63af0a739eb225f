package org.ike4j.wire.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;

/**
 * Notify payload, N (RFC 7296 section 3.10).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Protocol ID  |   SPI Size    |      Notify Message Type      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                Security Parameter Index (SPI)                 ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                       Notification Data                       ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The decoder checks the data of the types it offers a typed view of, so that those views
 * cannot fail on a decoded payload: NAT_DETECTION_SOURCE_IP / _DESTINATION_IP carry a 20-octet
 * SHA-1 hash (RFC 7296 section 2.23); COOKIE carries 1 to 64 octets (section 2.6);
 * SIGNATURE_HASH_ALGORITHMS carries 16-bit hash algorithm numbers (RFC 7427 section 4).
 */
public record NotifyPayload(PayloadFlags flags, ProtocolId protocol, Bytes spi, NotifyType notifyType, Bytes data)
        implements Payload {

    /** Octets of a NAT_DETECTION_* hash: SHA-1 (RFC 7296 section 2.23). */
    public static final int NAT_DETECTION_HASH_LENGTH = 20;
    /** Most octets of COOKIE data (RFC 7296 section 2.6). */
    public static final int MAX_COOKIE_LENGTH = 64;

    public NotifyPayload {
        Objects.requireNonNull(flags);
        Objects.requireNonNull(protocol);
        Objects.requireNonNull(spi);
        Objects.requireNonNull(notifyType);
        Objects.requireNonNull(data);
        if (protocol.code() < 0 || protocol.code() > 0xff || spi.length() > 0xff
                || notifyType.code() < 0 || notifyType.code() > 0xffff) {
            throw new IllegalArgumentException("notify field out of range");
        }
    }

    /** A notify without SPI (protocol 0), the usual form for IKE SA notifies. */
    public NotifyPayload(NotifyType notifyType, Bytes data) {
        this(PayloadFlags.NONE, ProtocolId.NONE, Bytes.EMPTY, notifyType, data);
    }

    @Override
    public PayloadType type() {
        return PayloadType.NOTIFY;
    }

    /** The hash of a NAT_DETECTION_SOURCE_IP or NAT_DETECTION_DESTINATION_IP notify. */
    public Optional<Bytes> natDetectionHash() {
        return isNatDetection() && data.length() == NAT_DETECTION_HASH_LENGTH ? Optional.of(data) : Optional.empty();
    }

    /** The cookie of a COOKIE notify (RFC 7296 section 2.6). */
    public Optional<Bytes> cookie() {
        return notifyType.equals(NotifyType.COOKIE) && !data.isEmpty() && data.length() <= MAX_COOKIE_LENGTH
                ? Optional.of(data) : Optional.empty();
    }

    /** The SPI of the Child SA a REKEY_SA notify rekeys (RFC 7296 section 3.10.1), as unsigned 32 bits. */
    public OptionalLong rekeySpi() {
        if (!notifyType.equals(NotifyType.REKEY_SA) || spi.length() != 4) {
            return OptionalLong.empty();
        }
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (spi.get(i) & 0xff);
        }
        return OptionalLong.of(v);
    }

    /** The hash algorithms of a SIGNATURE_HASH_ALGORITHMS notify (RFC 7427 section 4). */
    public Optional<List<HashAlgorithm>> signatureHashAlgorithms() {
        if (!notifyType.equals(NotifyType.SIGNATURE_HASH_ALGORITHMS) || data.length() % 2 != 0) {
            return Optional.empty();
        }
        List<HashAlgorithm> out = new ArrayList<>();
        for (int i = 0; i < data.length(); i += 2) {
            out.add(HashAlgorithm.of(((data.get(i) & 0xff) << 8) | (data.get(i + 1) & 0xff)));
        }
        return Optional.of(List.copyOf(out));
    }

    private boolean isNatDetection() {
        return notifyType.equals(NotifyType.NAT_DETECTION_SOURCE_IP)
                || notifyType.equals(NotifyType.NAT_DETECTION_DESTINATION_IP);
    }

    static NotifyPayload decode(PayloadFlags flags, ByteReader r) throws DecodeException {
        ProtocolId protocol = ProtocolId.of(r.u8("Notify Payload.Protocol ID"));
        int spiSizeAt = r.position();
        int spiSize = r.u8("Notify Payload.SPI Size");
        NotifyType type = NotifyType.of(r.u16("Notify Payload.Notify Message Type"));
        if (spiSize > r.remaining()) {
            throw r.errorAt(spiSizeAt, "Notify Payload.SPI Size",
                    "SPI size " + spiSize + " exceeds the " + r.remaining() + " octets left in the payload");
        }
        Bytes spi = Bytes.wrap(r.bytes(spiSize, "Notify Payload.SPI"));
        int dataAt = r.position();
        Bytes data = Bytes.wrap(r.rest());
        NotifyPayload n = new NotifyPayload(flags, protocol, spi, type, data);
        if (n.isNatDetection() && data.length() != NAT_DETECTION_HASH_LENGTH) {
            throw r.errorAt(dataAt, "Notify Payload.Notification Data",
                    type.name() + " hash of " + data.length() + " octets, must be 20");
        }
        if (type.equals(NotifyType.COOKIE) && (data.isEmpty() || data.length() > MAX_COOKIE_LENGTH)) {
            throw r.errorAt(dataAt, "Notify Payload.Notification Data",
                    "COOKIE of " + data.length() + " octets, must be 1..64");
        }
        if (type.equals(NotifyType.SIGNATURE_HASH_ALGORITHMS) && data.length() % 2 != 0) {
            throw r.errorAt(dataAt, "Notify Payload.Notification Data",
                    "SIGNATURE_HASH_ALGORITHMS of odd length " + data.length());
        }
        return n;
    }

    @Override
    public int encodedBodyLength() {
        return 4 + spi.length() + data.length();
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u8(protocol.code()).u8(spi.length()).u16(notifyType.code());
        spi.writeTo(w);
        data.writeTo(w);
    }

    @Override
    public String title() {
        return "IKEv2 Notify Payload";
    }

    @Override
    public void describeBody(TreeSink b) {
        b.code("protocol ID", protocol).field("SPI size", spi.length()).code("notify message type", notifyType);
        if (!spi.isEmpty()) {
            b.hex("SPI", spi);
        }
        // plain code, no lambda or Optional: every notify of a capture is described (C1 inlines neither)
        if (notifyType.code() == NotifyType.SIGNATURE_HASH_ALGORITHMS.code() && data.length() % 2 == 0) {
            StringBuilder algs = new StringBuilder("[");
            for (int i = 0; i < data.length(); i += 2) {
                if (i > 0) {
                    algs.append(", ");
                }
                algs.append(HashAlgorithm.of(((data.get(i) & 0xff) << 8) | (data.get(i + 1) & 0xff)));
            }
            b.field("hash algorithms", algs.append(']').toString());
        } else {
            b.hex("notification data", data);
        }
    }
}
