package org.ike4j.wire.v1;

import org.ike4j.wire.Registry;

/**
 * Which registry names a data attribute. The wire format (RFC 2408 section 3.3) is the same for
 * all; the meaning depends on where the attribute sits: a transform of a PROTO_ISAKMP proposal
 * carries Phase 1 attributes (RFC 2409 Appendix A), any other protocol IPsec DOI attributes
 * (RFC 2407 section 4.5), and the attribute payload mode-config / XAUTH attributes.
 */
public enum AttributeClass {
    PHASE1("ISAKMP Oakley attribute"),
    IPSEC("ISAKMP IPsec DOI attribute"),
    CONFIG("ISAKMP ModeCfg attribute");

    private final String title;

    AttributeClass(String title) {
        this.title = title;
    }

    /** The trace heading, as pluto prints it. */
    public String title() {
        return title;
    }

    /** The attribute class of a transform in a proposal for this protocol. */
    public static AttributeClass forProtocol(ProtocolId protocol) {
        return protocol.code() == ProtocolId.PROTO_ISAKMP.code() ? PHASE1 : IPSEC;
    }

    public Registry.Code typeName(int type) {
        return switch (this) {
            case PHASE1 -> Phase1Attributes.Type.of(type);
            case IPSEC -> IpsecAttributes.Type.of(type);
            case CONFIG -> ConfigAttributes.Type.of(type);
        };
    }

    /** True when the attribute's value is a user secret that traces must not show (XAUTH passwords). */
    public boolean isSecret(int type) {
        return this == CONFIG && ConfigAttributes.isSecret(type);
    }

    /** The named value of a basic (TV) attribute, or null when that type has no value registry. */
    public Registry.Code valueName(int type, int value) {
        return switch (this) {
            case PHASE1 -> Phase1Attributes.valueName(type, value);
            case IPSEC -> IpsecAttributes.valueName(type, value);
            case CONFIG -> ConfigAttributes.valueName(type, value);
        };
    }
}
