package org.ike4j.config.strongswan;

import java.util.Set;

/** The keys ipsec.conf(5) allows, by what ike4j does with them. */
final class ConnKeys {
    private ConnKeys() {
    }

    /** conn keys that ike4j maps onto the model. */
    static final Set<String> MAPPED = Set.of(
            "also", "keyexchange", "ike", "esp", "ah", "authby", "leftauth", "rightauth", "left", "right",
            "leftid", "rightid", "leftsubnet", "rightsubnet", "leftprotoport", "rightprotoport", "leftikeport",
            "rightikeport", "auto", "ikelifetime", "lifetime", "keylife", "rekeymargin", "margintime", "rekeyfuzz",
            "keyingtries", "pfs", "aggressive", "dpdaction", "dpddelay", "dpdtimeout", "forceencaps", "type",
            "reauth", "rekey", "mobike", "replay_window", "closeaction", "lifebytes", "lifepackets");

    /** conn keys that are valid but not (yet) used by ike4j: accepted with a note. */
    static final Set<String> ACCEPTED = Set.of(
            "mark", "mark_in", "mark_out", "leftupdown", "rightupdown", "leftfirewall", "rightfirewall",
            "lefthostaccess", "righthostaccess", "leftsourceip", "rightsourceip", "leftdns", "rightdns",
            "leftcert", "rightcert", "leftcert2", "rightcert2", "leftsendcert", "rightsendcert", "leftca",
            "rightca", "leftca2", "rightca2", "leftgroups", "rightgroups", "leftgroups2", "rightgroups2",
            "leftallowany", "rightallowany", "leftnexthop", "rightnexthop", "leftauth2", "rightauth2", "leftid2",
            "rightid2", "leftsigkey", "rightsigkey", "leftrsasigkey", "rightrsasigkey", "leftcertpolicy",
            "rightcertpolicy", "compress", "installpolicy", "reqid", "tfc", "fragmentation", "ikedscp",
            "inactivity", "eap_identity", "aaa_identity", "xauth", "xauth_identity", "modeconfig", "marginbytes",
            "marginpackets", "sha256_96", "hw_offload", "priority", "interfaces", "mediation", "mediated_by",
            "me_peerid", "auth", "esn", "leftsubnetwithin", "rightsubnetwithin",
            "pfsgroup", "dpd");

    /** config setup keys of strongSwan 5 (charon). */
    static final Set<String> SETUP = Set.of(
            "charondebug", "uniqueids", "cachecrls", "strictcrlpolicy", "charonstart");

    /** config setup keys of pluto (strongSwan 4 and FreeS/WAN): obsolete, accepted with a note. */
    static final Set<String> SETUP_OBSOLETE = Set.of(
            "plutodebug", "plutostderrlog", "plutostart", "nat_traversal", "klipsdebug", "virtual_private",
            "keep_alive", "force_keepalive", "interfaces", "overridemtu", "nocrsend", "crlcheckinterval",
            "hidetos", "prepluto", "postpluto", "fragicmp", "packetdefault", "dumpdir", "pkcs11module",
            "pkcs11initargs", "pkcs11keepstate", "pkcs11proxy", "plutorestartoncrash", "nhelpers", "protostack",
            "oe", "pluto", "myid", "ikeport");
}
