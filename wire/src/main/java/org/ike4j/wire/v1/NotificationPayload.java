package org.ike4j.wire.v1;

import java.util.List;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.ErrorNotify;

/**
 * The Notification payload, RFC 2408 section 3.14:
 *
 * <pre>
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * !              Domain of Interpretation  (DOI)                  !
 * !  Protocol-ID  !   SPI Size    !      Notify Message Type      !
 * ~                Security Parameter Index (SPI)                 ~
 * ~                       Notification Data                       ~
 * </pre>
 *
 * The notification data stays raw bytes, so that it re-encodes as received. For
 * RESPONDER-LIFETIME (RFC 2407 section 4.6.3.1) the decoder checks that the data are well-formed
 * IPsec DOI attributes and {@link #responderLifetime()} returns them; R-U-THERE / R-U-THERE-ACK
 * (RFC 3706) carry a 4-byte sequence number, shown in the trace.
 *
 * @param doi the DOI
 * @param protocol the protocol of the SA concerned
 * @param spi the SPI, 0 to 255 bytes (the SPI size is derived)
 * @param notifyType the notify message type
 * @param data the notification data
 * @param reserved the generic header's RESERVED byte
 */
public record NotificationPayload(Doi doi, ProtocolId protocol, Bytes spi, NotifyType notifyType, Bytes data,
        int reserved) implements Payload {
    static final String NAME = "Notification Payload";

    public NotificationPayload {
        Checks.bytes(spi, 0xff, "SPI");
        Checks.bytes(data, Checks.MAX_BODY - 8 - spi.length(), "notification data");
        Checks.u8(reserved, "RESERVED");
    }

    public NotificationPayload(Doi doi, ProtocolId protocol, Bytes spi, NotifyType notifyType, Bytes data) {
        this(doi, protocol, spi, notifyType, data, 0);
    }

    /** A RESPONDER-LIFETIME notification carrying these IPsec DOI attributes. */
    public static NotificationPayload responderLifetime(ProtocolId protocol, Bytes spi, List<DataAttribute> attributes) {
        ByteWriter w = new ByteWriter();
        DataAttribute.encodeAll(attributes, w);
        return new NotificationPayload(Doi.IPSEC, protocol, spi, NotifyType.RESPONDER_LIFETIME, Bytes.wrap(w.toByteArray()));
    }

    /** The data of a RESPONDER-LIFETIME notification as IPsec DOI attributes. */
    public List<DataAttribute> responderLifetime() {
        if (notifyType.code() != NotifyType.RESPONDER_LIFETIME.code()) {
            throw new IllegalStateException("not a RESPONDER-LIFETIME notification");
        }
        try {
            return DataAttribute.decodeAll(ByteReader.of(data.toByteArray(), ErrorNotify.V1_PAYLOAD_MALFORMED), NAME);
        } catch (DecodeException e) {
            throw new IllegalStateException("RESPONDER-LIFETIME data are not attributes: " + e.getMessage(), e);
        }
    }

    @Override
    public PayloadType type() {
        return PayloadType.N;
    }

    @Override
    public int encodedBodyLength() {
        return 8 + spi.length() + data.length();
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u32(doi.code() & 0xffffffffL).u8(protocol.code()).u8(spi.length()).u16(notifyType.code());
        spi.writeTo(w);
        data.writeTo(w);
    }

    static NotificationPayload decode(ByteReader r, int reserved) throws DecodeException {
        Doi doi = Doi.of(r.i32(NAME + ".DOI"));
        ProtocolId protocol = ProtocolId.of(r.u8(NAME + ".Protocol-ID"));
        int spiSizeAt = r.position();
        int spiSize = r.u8(NAME + ".SPI Size");
        NotifyType type = NotifyType.of(r.u16(NAME + ".Notify Message Type"));
        if (spiSize > r.remaining()) {
            throw r.errorAt(spiSizeAt, NAME + ".SPI Size",
                    "SPI size " + spiSize + " exceeds the " + r.remaining() + " bytes left in the payload");
        }
        Bytes spi = Bytes.wrap(r.bytes(spiSize, NAME + ".SPI"));
        int dataAt = r.position();
        byte[] data = r.rest();
        if (type.code() == NotifyType.RESPONDER_LIFETIME.code()) {
            try {
                DataAttribute.decodeAll(ByteReader.of(data, r.malformedNotify()), NAME);
            } catch (DecodeException e) {
                throw e.shifted(dataAt);
            }
        }
        return new NotificationPayload(doi, protocol, spi, type, Bytes.wrap(data), reserved);
    }

    @Override
    public String title() {
        return "ISAKMP Notification Payload";
    }

    @Override
    public void describe(TreeSink b) {
        b.code("DOI", doi);
        b.code("protocol ID", protocol);
        b.field("SPI size", spi.length());
        b.code("Notify Message Type", notifyType);
        b.hex("SPI", spi);
        int t = notifyType.code();
        if (t == NotifyType.RESPONDER_LIFETIME.code()) {
            for (DataAttribute a : responderLifetime()) {
                a.describe(b, AttributeClass.IPSEC);
            }
        } else if ((t == NotifyType.R_U_THERE.code() || t == NotifyType.R_U_THERE_ACK.code()) && data.length() == 4) {
            b.field("sequence number", Long.toUnsignedString(DataAttribute.variable(0, data).numericValue()));
        } else {
            b.hex("notification data", data);
        }
    }
}
