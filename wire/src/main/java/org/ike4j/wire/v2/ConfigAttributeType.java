package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * IKEv2 configuration attribute type: an open enumeration (unknown numbers decode as {@code UNKNOWN-n} and
 * encode back unchanged).
 *
 * <p>Source: RFC 7296 section 3.15.1 and the IANA IKEv2 Configuration Payload Attribute Types registry.
 */
public record ConfigAttributeType(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigAttributeType other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<ConfigAttributeType> R = new Registry<>("IKEv2 configuration attribute type", ConfigAttributeType::new);

    public static final ConfigAttributeType INTERNAL_IP4_ADDRESS = R.known(1, "INTERNAL_IP4_ADDRESS");
    public static final ConfigAttributeType INTERNAL_IP4_NETMASK = R.known(2, "INTERNAL_IP4_NETMASK");
    public static final ConfigAttributeType INTERNAL_IP4_DNS = R.known(3, "INTERNAL_IP4_DNS");
    public static final ConfigAttributeType INTERNAL_IP4_NBNS = R.known(4, "INTERNAL_IP4_NBNS");
    public static final ConfigAttributeType INTERNAL_IP4_DHCP = R.known(6, "INTERNAL_IP4_DHCP");
    public static final ConfigAttributeType APPLICATION_VERSION = R.known(7, "APPLICATION_VERSION");
    public static final ConfigAttributeType INTERNAL_IP6_ADDRESS = R.known(8, "INTERNAL_IP6_ADDRESS");
    public static final ConfigAttributeType INTERNAL_IP6_DNS = R.known(10, "INTERNAL_IP6_DNS");
    public static final ConfigAttributeType INTERNAL_IP6_DHCP = R.known(12, "INTERNAL_IP6_DHCP");
    public static final ConfigAttributeType INTERNAL_IP4_SUBNET = R.known(13, "INTERNAL_IP4_SUBNET");
    public static final ConfigAttributeType SUPPORTED_ATTRIBUTES = R.known(14, "SUPPORTED_ATTRIBUTES");
    public static final ConfigAttributeType INTERNAL_IP6_SUBNET = R.known(15, "INTERNAL_IP6_SUBNET");
    public static final ConfigAttributeType MIP6_HOME_PREFIX = R.known(16, "MIP6_HOME_PREFIX");
    public static final ConfigAttributeType INTERNAL_IP6_LINK = R.known(17, "INTERNAL_IP6_LINK");
    public static final ConfigAttributeType INTERNAL_IP6_PREFIX = R.known(18, "INTERNAL_IP6_PREFIX");
    public static final ConfigAttributeType HOME_AGENT_ADDRESS = R.known(19, "HOME_AGENT_ADDRESS");
    public static final ConfigAttributeType P_CSCF_IP4_ADDRESS = R.known(20, "P_CSCF_IP4_ADDRESS");
    public static final ConfigAttributeType P_CSCF_IP6_ADDRESS = R.known(21, "P_CSCF_IP6_ADDRESS");
    public static final ConfigAttributeType FTT_KAT = R.known(22, "FTT_KAT");
    public static final ConfigAttributeType EXTERNAL_SOURCE_IP4_NAT_INFO = R.known(23, "EXTERNAL_SOURCE_IP4_NAT_INFO");
    public static final ConfigAttributeType TIMEOUT_PERIOD_FOR_LIVENESS_CHECK = R.known(24, "TIMEOUT_PERIOD_FOR_LIVENESS_CHECK");
    public static final ConfigAttributeType INTERNAL_DNS_DOMAIN = R.known(25, "INTERNAL_DNS_DOMAIN");
    public static final ConfigAttributeType INTERNAL_DNSSEC_TA = R.known(26, "INTERNAL_DNSSEC_TA");

    public static ConfigAttributeType of(int code) {
        return R.of(code);
    }

    public static Registry<ConfigAttributeType> registry() {
        return R;
    }

    @Override
    public String toString() {
        return name + " (" + code + ")";
    }
}
