package org.ike4j.config;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Locale;

/**
 * An IKE identity (RFC 2407 section 4.6.2.1 for IKEv1, RFC 7296 section 3.5 for IKEv2): what a
 * peer claims in its ID payload and what PSKs are keyed by.
 */
public sealed interface Identity {

    /** Matches any identity (strongSwan's {@code %any}). */
    record Any() implements Identity {
        @Override
        public String toString() {
            return "%any";
        }
    }

    /** ID_IPV4_ADDR / ID_IPV6_ADDR. */
    record IpAddress(InetAddress address) implements Identity {
        @Override
        public String toString() {
            return address.getHostAddress();
        }
    }

    /** ID_FQDN. Compared without regard to case, as DNS names are. */
    record Fqdn(String name) implements Identity {
        public Fqdn {
            name = name.toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return "@" + name;
        }
    }

    /** ID_USER_FQDN (RFC 822 address). */
    record UserFqdn(String address) implements Identity {
        @Override
        public String toString() {
            return address;
        }
    }

    /** ID_DER_ASN1_DN, kept in its textual form for now. */
    record DistinguishedName(String dn) implements Identity {
        @Override
        public String toString() {
            return dn;
        }
    }

    /** ID_KEY_ID: opaque bytes. */
    record KeyId(byte[] bytes) implements Identity {
        public KeyId {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyId k && java.util.Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "@#" + HexFormat.of().formatHex(bytes);
        }
    }

    Identity ANY = new Any();

    /** How well this identity, used as a selector, matches {@code other}: 2 exactly, 1 as %any, 0 not. */
    default int matchScore(Identity other) {
        if (this instanceof Any) {
            return 1;
        }
        return equals(other) ? 2 : 0;
    }
}
