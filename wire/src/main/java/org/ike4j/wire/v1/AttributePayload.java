package org.ike4j.wire.v1;

import java.util.List;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.DecodeException;

/**
 * The mode-config / XAUTH attribute payload (type 14), draft-ietf-ipsec-isakmp-mode-cfg-05
 * section 3.2:
 *
 * <pre>
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * !     Type      !   RESERVED    !           Identifier          !
 * ~                           Attributes                          ~
 * </pre>
 *
 * The attributes use the data attribute format of RFC 2408 section 3.3, named by
 * {@link AttributeClass#CONFIG}.
 *
 * @param messageType REQUEST, REPLY, SET or ACK
 * @param reserved2 the RESERVED byte after the type
 * @param identifier matches a reply to its request
 * @param attributes the attributes in wire order
 * @param reserved the generic header's RESERVED byte
 */
public record AttributePayload(ConfigAttributes.MessageType messageType, int reserved2, int identifier,
        List<DataAttribute> attributes, int reserved) implements Payload {
    static final String NAME = "Attribute Payload";

    public AttributePayload {
        Checks.u8(reserved2, "RESERVED");
        Checks.u16(identifier, "identifier");
        attributes = List.copyOf(attributes);
        if (DataAttribute.encodedLength(attributes) > Checks.MAX_BODY - 4) {
            throw new IllegalArgumentException("attributes exceed one payload");
        }
        Checks.u8(reserved, "RESERVED");
    }

    public AttributePayload(ConfigAttributes.MessageType messageType, int identifier, List<DataAttribute> attributes) {
        this(messageType, 0, identifier, attributes, 0);
    }

    @Override
    public PayloadType type() {
        return PayloadType.ATTR;
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u8(messageType.code()).u8(reserved2).u16(identifier);
        DataAttribute.encodeAll(attributes, w);
    }

    static AttributePayload decode(ByteReader r, int reserved) throws DecodeException {
        ConfigAttributes.MessageType type = ConfigAttributes.MessageType.of(r.u8(NAME + ".Type"));
        int reserved2 = r.u8(NAME + ".RESERVED");
        int identifier = r.u16(NAME + ".Identifier");
        return new AttributePayload(type, reserved2, identifier, DataAttribute.decodeAll(r, NAME), reserved);
    }

    /** Unlike the record default, hides XAUTH passwords and other secrets. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("AttributePayload[messageType=").append(messageType.name())
                .append(", identifier=").append(identifier).append(", attributes=[");
        for (int i = 0; i < attributes.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(attributes.get(i).toString(AttributeClass.CONFIG));
        }
        return sb.append("]]").toString();
    }

    @Override
    public String title() {
        return "ISAKMP Attribute Payload";
    }

    @Override
    public void describe(TreeSink b) {
        b.code("type", messageType);
        b.field("identifier", identifier);
        for (DataAttribute a : attributes) {
            a.describe(b, AttributeClass.CONFIG);
        }
    }
}
