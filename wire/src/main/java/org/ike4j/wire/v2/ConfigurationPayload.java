package org.ike4j.wire.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;

/**
 * Configuration payload, CP (RFC 7296 section 3.15): CFG Type, 3 reserved octets and the
 * attributes, each of which must fit the payload.
 *
 * @param reserved the 24-bit RESERVED field, kept as received
 */
public record ConfigurationPayload(PayloadFlags flags, CfgType cfgType, int reserved, List<ConfigAttribute> attributes)
        implements Payload {

    public ConfigurationPayload {
        Objects.requireNonNull(flags);
        Objects.requireNonNull(cfgType);
        attributes = List.copyOf(attributes);
        if (cfgType.code() < 0 || cfgType.code() > 0xff || reserved < 0 || reserved > 0xffffff) {
            throw new IllegalArgumentException("CP field out of range");
        }
    }

    public ConfigurationPayload(CfgType cfgType, List<ConfigAttribute> attributes) {
        this(PayloadFlags.NONE, cfgType, 0, attributes);
    }

    @Override
    public PayloadType type() {
        return PayloadType.CP;
    }

    static ConfigurationPayload decode(PayloadFlags flags, ByteReader r) throws DecodeException {
        CfgType t = CfgType.of(r.u8("Configuration Payload.CFG Type"));
        int reserved = r.u24("Configuration Payload.RESERVED");
        List<ConfigAttribute> attrs = new ArrayList<>();
        while (r.hasRemaining()) {
            int v = r.u16("Configuration Attribute.Attribute Type");
            int lengthAt = r.position();
            int len = r.u16("Configuration Attribute.Length");
            if (len > r.remaining()) {
                throw r.errorAt(lengthAt, "Configuration Attribute.Length",
                        "length " + len + " exceeds the " + r.remaining() + " octets left in the payload");
            }
            attrs.add(new ConfigAttribute((v & 0x8000) != 0, ConfigAttributeType.of(v & 0x7fff),
                    Bytes.wrap(r.bytes(len, "Configuration Attribute.Value"))));
        }
        return new ConfigurationPayload(flags, t, reserved, attrs);
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u8(cfgType.code()).u24(reserved);
        for (ConfigAttribute a : attributes) {
            a.encode(w);
        }
    }

    @Override
    public String title() {
        return "IKEv2 Configuration Payload";
    }

    @Override
    public void describeBody(TreeSink b) {
        b.code("CFG type", cfgType);
        if (reserved != 0) {
            b.field("reserved", reserved);
        }
        for (ConfigAttribute a : attributes) {
            b.field("attribute", a.describe());
        }
    }
}
