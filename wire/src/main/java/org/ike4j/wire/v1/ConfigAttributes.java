package org.ike4j.wire.v1;

import org.ike4j.wire.Registry;

/**
 * The attribute payload (type 14) of draft-ietf-ipsec-isakmp-mode-cfg-05 (section 3.2 message
 * types, 3.3 attributes) and the XAUTH attributes of draft-ietf-ipsec-isakmp-xauth-06 /
 * draft-beaulieu-ike-xauth-02 (16520-16529), with the Cisco Unity attributes (28672-28682).
 */
public final class ConfigAttributes {
    private ConfigAttributes() {
    }

    /** Mode-config message types. */
    public record MessageType(int code, String name) implements Registry.Code {
        private static final Registry<MessageType> R = new Registry<>("mode-config message type", MessageType::new);
        public static final MessageType RESERVED = R.known(0, "RESERVED");
        public static final MessageType REQUEST = R.known(1, "ISAKMP_CFG_REQUEST");
        public static final MessageType REPLY = R.known(2, "ISAKMP_CFG_REPLY");
        public static final MessageType SET = R.known(3, "ISAKMP_CFG_SET");
        public static final MessageType ACK = R.known(4, "ISAKMP_CFG_ACK");

        public MessageType {
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("mode-config type is one byte: " + code);
            }
        }

        public static MessageType of(int code) {
            return R.of(code);
        }
    }

    /** Mode-config and XAUTH attribute types. */
    public record Type(int code, String name) implements Registry.Code {
        private static final Registry<Type> R = new Registry<>("mode-config attribute type", Type::new);
        public static final Type INTERNAL_IP4_ADDRESS = R.known(1, "INTERNAL_IP4_ADDRESS");
        public static final Type INTERNAL_IP4_NETMASK = R.known(2, "INTERNAL_IP4_NETMASK");
        public static final Type INTERNAL_IP4_DNS = R.known(3, "INTERNAL_IP4_DNS");
        public static final Type INTERNAL_IP4_NBNS = R.known(4, "INTERNAL_IP4_NBNS");
        public static final Type INTERNAL_ADDRESS_EXPIRY = R.known(5, "INTERNAL_ADDRESS_EXPIRY");
        public static final Type INTERNAL_IP4_DHCP = R.known(6, "INTERNAL_IP4_DHCP");
        public static final Type APPLICATION_VERSION = R.known(7, "APPLICATION_VERSION");
        public static final Type INTERNAL_IP6_ADDRESS = R.known(8, "INTERNAL_IP6_ADDRESS");
        public static final Type INTERNAL_IP6_NETMASK = R.known(9, "INTERNAL_IP6_NETMASK");
        public static final Type INTERNAL_IP6_DNS = R.known(10, "INTERNAL_IP6_DNS");
        public static final Type INTERNAL_IP6_NBNS = R.known(11, "INTERNAL_IP6_NBNS");
        public static final Type INTERNAL_IP6_DHCP = R.known(12, "INTERNAL_IP6_DHCP");
        public static final Type INTERNAL_IP4_SUBNET = R.known(13, "INTERNAL_IP4_SUBNET");
        public static final Type SUPPORTED_ATTRIBUTES = R.known(14, "SUPPORTED_ATTRIBUTES");
        public static final Type INTERNAL_IP6_SUBNET = R.known(15, "INTERNAL_IP6_SUBNET");
        public static final Type XAUTH_TYPE = R.known(16520, "XAUTH-TYPE");
        public static final Type XAUTH_USER_NAME = R.known(16521, "XAUTH-USER-NAME");
        public static final Type XAUTH_USER_PASSWORD = R.known(16522, "XAUTH-USER-PASSWORD");
        public static final Type XAUTH_PASSCODE = R.known(16523, "XAUTH-PASSCODE");
        public static final Type XAUTH_MESSAGE = R.known(16524, "XAUTH-MESSAGE");
        public static final Type XAUTH_CHALLENGE = R.known(16525, "XAUTH-CHALLENGE");
        public static final Type XAUTH_DOMAIN = R.known(16526, "XAUTH-DOMAIN");
        public static final Type XAUTH_STATUS = R.known(16527, "XAUTH-STATUS");
        public static final Type XAUTH_NEXT_PIN = R.known(16528, "XAUTH-NEXT-PIN");
        public static final Type XAUTH_ANSWER = R.known(16529, "XAUTH-ANSWER");
        public static final Type UNITY_BANNER = R.known(28672, "UNITY_BANNER");
        public static final Type UNITY_SAVE_PASSWD = R.known(28673, "UNITY_SAVE_PASSWD");
        public static final Type UNITY_DEF_DOMAIN = R.known(28674, "UNITY_DEF_DOMAIN");
        public static final Type UNITY_SPLITDNS_NAME = R.known(28675, "UNITY_SPLITDNS_NAME");
        public static final Type UNITY_SPLIT_INCLUDE = R.known(28676, "UNITY_SPLIT_INCLUDE");
        public static final Type UNITY_NATT_PORT = R.known(28677, "UNITY_NATT_PORT");
        public static final Type UNITY_LOCAL_LAN = R.known(28678, "UNITY_LOCAL_LAN");
        public static final Type UNITY_PFS = R.known(28679, "UNITY_PFS");
        public static final Type UNITY_FW_TYPE = R.known(28680, "UNITY_FW_TYPE");
        public static final Type UNITY_BACKUP_SERVERS = R.known(28681, "UNITY_BACKUP_SERVERS");
        public static final Type UNITY_DDNS_HOSTNAME = R.known(28682, "UNITY_DDNS_HOSTNAME");

        public static Type of(int code) {
            return R.of(code);
        }
    }

    /** XAUTH-TYPE values. */
    public record XauthType(int code, String name) implements Registry.Code {
        private static final Registry<XauthType> R = new Registry<>("XAUTH type", XauthType::new);
        public static final XauthType GENERIC = R.known(0, "GENERIC");
        public static final XauthType RADIUS_CHAP = R.known(1, "RADIUS-CHAP");
        public static final XauthType OTP = R.known(2, "OTP");
        public static final XauthType S_KEY = R.known(3, "S/KEY");

        public static XauthType of(int code) {
            return R.of(code);
        }
    }

    /** XAUTH-STATUS values. */
    public record XauthStatus(int code, String name) implements Registry.Code {
        private static final Registry<XauthStatus> R = new Registry<>("XAUTH status", XauthStatus::new);
        public static final XauthStatus FAIL = R.known(0, "FAIL");
        public static final XauthStatus OK = R.known(1, "OK");

        public static XauthStatus of(int code) {
            return R.of(code);
        }
    }

    /**
     * True for attributes that carry a user's secret (password, passcode, next PIN, challenge
     * answer): traces and {@code toString()} show only their length.
     */
    public static boolean isSecret(int type) {
        return type == Type.XAUTH_USER_PASSWORD.code() || type == Type.XAUTH_PASSCODE.code()
                || type == Type.XAUTH_NEXT_PIN.code()
                || type == Type.XAUTH_ANSWER.code();
    }

    static Registry.Code valueName(int type, int value) {
        return switch (type) {
            case 16520 -> XauthType.of(value);
            case 16527 -> XauthStatus.of(value);
            default -> null;
        };
    }
}
