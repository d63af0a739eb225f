package org.ike4j.wire.v1;

import java.util.List;
import java.util.Optional;
import org.ike4j.wire.Bytes;

/**
 * Well-known vendor IDs (public facts; most are the MD5 of a string, which the tests recompute).
 *
 * @param name what the vendor ID announces
 * @param value its bytes
 * @param prefix true when senders append version bytes after {@code value} (so a VID matches if
 *               it starts with {@code value})
 * @param source where the value is defined
 */
public record KnownVendorId(String name, Bytes value, boolean prefix, String source) {

    /** MD5("RFC 3947"), RFC 3947 section 3.1. */
    public static final KnownVendorId RFC_3947 = of("RFC 3947", "4a131c81070358455c5728f20e95452f", false,
            "RFC 3947 section 3.1: MD5(\"RFC 3947\")");
    public static final KnownVendorId NAT_T_DRAFT_00 = of("draft-ietf-ipsec-nat-t-ike-00",
            "4485152d18b6bbcd0be8a8469579ddcc", false, "MD5(\"draft-ietf-ipsec-nat-t-ike-00\")");
    public static final KnownVendorId NAT_T_DRAFT_01 = of("draft-ietf-ipsec-nat-t-ike-01",
            "16f6ca16e4a4066d83821a0f0aeaa862", false, "MD5(\"draft-ietf-ipsec-nat-t-ike-01\")");
    public static final KnownVendorId NAT_T_DRAFT_02 = of("draft-ietf-ipsec-nat-t-ike-02",
            "cd60464335df21f87cfdb2fc68b6a448", false, "MD5(\"draft-ietf-ipsec-nat-t-ike-02\")");
    /** The draft-02 hash with a trailing newline, which several implementations sent. */
    public static final KnownVendorId NAT_T_DRAFT_02_N = of("draft-ietf-ipsec-nat-t-ike-02\\n",
            "90cb80913ebb696e086381b5ec427b1f", false, "MD5(\"draft-ietf-ipsec-nat-t-ike-02\\n\")");
    public static final KnownVendorId NAT_T_DRAFT_03 = of("draft-ietf-ipsec-nat-t-ike-03",
            "7d9419a65310ca6f2c179d9215529d56", false, "MD5(\"draft-ietf-ipsec-nat-t-ike-03\")");
    /** RFC 3706 section 2.1, version 1.0 (last two bytes). */
    public static final KnownVendorId DPD = of("Dead Peer Detection", "afcad71368a1f1c96b8696fc77570100", false,
            "RFC 3706 section 2.1");
    /** The first 8 bytes of MD5("draft-ietf-ipsra-isakmp-xauth-06.txt"). */
    public static final KnownVendorId XAUTH = of("XAUTH", "09002689dfd6b712", false,
            "draft-ietf-ipsra-isakmp-xauth-06: MD5 prefix");
    public static final KnownVendorId STRONGSWAN = of("strongSwan", "882fe56d6fd20dbc2251613b2ebe5beb", false,
            "MD5(\"strongSwan\")");
    /** The first 14 bytes of MD5("CISCO-UNITY") and version 1.0. */
    public static final KnownVendorId CISCO_UNITY = of("Cisco Unity", "12f5f28c457168a9702d9fe274cc0100", false,
            "MD5(\"CISCO-UNITY\") with major 1, minor 0");
    /** MD5("FRAGMENTATION"); Cisco appends 4 flag bytes. */
    public static final KnownVendorId FRAGMENTATION = of("FRAGMENTATION", "4048b7d56ebce88525e7de7f00d6c2d3", true,
            "MD5(\"FRAGMENTATION\")");

    public static final List<KnownVendorId> ALL = List.of(RFC_3947, NAT_T_DRAFT_00, NAT_T_DRAFT_01, NAT_T_DRAFT_02,
            NAT_T_DRAFT_02_N, NAT_T_DRAFT_03, DPD, XAUTH, STRONGSWAN, CISCO_UNITY, FRAGMENTATION);

    private static KnownVendorId of(String name, String hex, boolean prefix, String source) {
        return new KnownVendorId(name, Bytes.fromHex(hex), prefix, source);
    }

    /** True when the vendor ID is this one (or, for a prefix entry, starts with it). */
    public boolean matches(Bytes vid) {
        if (prefix ? vid.length() < value.length() : vid.length() != value.length()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (vid.get(i) != value.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** The known vendor ID this one is, if any. */
    public static Optional<KnownVendorId> lookup(Bytes vid) {
        for (KnownVendorId k : ALL) {
            if (k.matches(vid)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
