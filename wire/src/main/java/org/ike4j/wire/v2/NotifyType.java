package org.ike4j.wire.v2;

import org.ike4j.wire.Registry;

/**
 * IKEv2 Notify Message Type: an open enumeration. Types below 16384 are errors, 16384 and up
 * are status types (RFC 7296 section 3.10.1).
 *
 * <p>Sources: RFC 7296 section 3.10.1 (errors 1..44 and status 16384..16395, 16404 etc. as named
 * there); RFC 4555 (MOBIKE: UNACCEPTABLE_ADDRESSES, UNEXPECTED_NAT_DETECTED, MOBIKE_SUPPORTED..
 * NO_NATS_ALLOWED); RFC 5026 (USE_ASSIGNED_HoA); RFC 4478 (AUTH_LIFETIME); RFC 4739
 * (MULTIPLE_AUTH_SUPPORTED, ANOTHER_AUTH_FOLLOWS); RFC 5685 (REDIRECT*); RFC 5723 (TICKET_*);
 * RFC 5998 (EAP_ONLY_AUTHENTICATION); RFC 6023 (CHILDLESS_IKEV2_SUPPORTED); RFC 6290
 * (QUICK_CRASH_DETECTION); RFC 6311 (message ID / replay counter sync); RFC 6467
 * (SECURE_PASSWORD_METHODS); RFC 7383 (IKEV2_FRAGMENTATION_SUPPORTED); RFC 7427
 * (SIGNATURE_HASH_ALGORITHMS); RFC 7791 (CLONE_IKE_SA*); RFC 8019 (PUZZLE); RFC 8784 (PPK);
 * RFC 9242 (INTERMEDIATE_EXCHANGE_SUPPORTED); RFC 8983 (IP4_ALLOWED, IP6_ALLOWED); RFC 9370
 * (ADDITIONAL_KEY_EXCHANGE); RFC 9347 (USE_AGGFRAG); RFC 9593 (SUPPORTED_AUTH_METHODS).
 */
public record NotifyType(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof NotifyType other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<NotifyType> R = new Registry<>("IKEv2 notify message type", NotifyType::new);

    public static final NotifyType UNSUPPORTED_CRITICAL_PAYLOAD = R.known(1, "UNSUPPORTED_CRITICAL_PAYLOAD");
    public static final NotifyType INVALID_IKE_SPI = R.known(4, "INVALID_IKE_SPI");
    public static final NotifyType INVALID_MAJOR_VERSION = R.known(5, "INVALID_MAJOR_VERSION");
    public static final NotifyType INVALID_SYNTAX = R.known(7, "INVALID_SYNTAX");
    public static final NotifyType INVALID_MESSAGE_ID = R.known(9, "INVALID_MESSAGE_ID");
    public static final NotifyType INVALID_SPI = R.known(11, "INVALID_SPI");
    public static final NotifyType NO_PROPOSAL_CHOSEN = R.known(14, "NO_PROPOSAL_CHOSEN");
    public static final NotifyType INVALID_KE_PAYLOAD = R.known(17, "INVALID_KE_PAYLOAD");
    public static final NotifyType AUTHENTICATION_FAILED = R.known(24, "AUTHENTICATION_FAILED");
    public static final NotifyType SINGLE_PAIR_REQUIRED = R.known(34, "SINGLE_PAIR_REQUIRED");
    public static final NotifyType NO_ADDITIONAL_SAS = R.known(35, "NO_ADDITIONAL_SAS");
    public static final NotifyType INTERNAL_ADDRESS_FAILURE = R.known(36, "INTERNAL_ADDRESS_FAILURE");
    public static final NotifyType FAILED_CP_REQUIRED = R.known(37, "FAILED_CP_REQUIRED");
    public static final NotifyType TS_UNACCEPTABLE = R.known(38, "TS_UNACCEPTABLE");
    public static final NotifyType INVALID_SELECTORS = R.known(39, "INVALID_SELECTORS");
    public static final NotifyType UNACCEPTABLE_ADDRESSES = R.known(40, "UNACCEPTABLE_ADDRESSES");
    public static final NotifyType UNEXPECTED_NAT_DETECTED = R.known(41, "UNEXPECTED_NAT_DETECTED");
    public static final NotifyType USE_ASSIGNED_HOA = R.known(42, "USE_ASSIGNED_HoA");
    public static final NotifyType TEMPORARY_FAILURE = R.known(43, "TEMPORARY_FAILURE");
    public static final NotifyType CHILD_SA_NOT_FOUND = R.known(44, "CHILD_SA_NOT_FOUND");
    public static final NotifyType INITIAL_CONTACT = R.known(16384, "INITIAL_CONTACT");
    public static final NotifyType SET_WINDOW_SIZE = R.known(16385, "SET_WINDOW_SIZE");
    public static final NotifyType ADDITIONAL_TS_POSSIBLE = R.known(16386, "ADDITIONAL_TS_POSSIBLE");
    public static final NotifyType IPCOMP_SUPPORTED = R.known(16387, "IPCOMP_SUPPORTED");
    public static final NotifyType NAT_DETECTION_SOURCE_IP = R.known(16388, "NAT_DETECTION_SOURCE_IP");
    public static final NotifyType NAT_DETECTION_DESTINATION_IP = R.known(16389, "NAT_DETECTION_DESTINATION_IP");
    public static final NotifyType COOKIE = R.known(16390, "COOKIE");
    public static final NotifyType USE_TRANSPORT_MODE = R.known(16391, "USE_TRANSPORT_MODE");
    public static final NotifyType HTTP_CERT_LOOKUP_SUPPORTED = R.known(16392, "HTTP_CERT_LOOKUP_SUPPORTED");
    public static final NotifyType REKEY_SA = R.known(16393, "REKEY_SA");
    public static final NotifyType ESP_TFC_PADDING_NOT_SUPPORTED = R.known(16394, "ESP_TFC_PADDING_NOT_SUPPORTED");
    public static final NotifyType NON_FIRST_FRAGMENTS_ALSO = R.known(16395, "NON_FIRST_FRAGMENTS_ALSO");
    public static final NotifyType MOBIKE_SUPPORTED = R.known(16396, "MOBIKE_SUPPORTED");
    public static final NotifyType ADDITIONAL_IP4_ADDRESS = R.known(16397, "ADDITIONAL_IP4_ADDRESS");
    public static final NotifyType ADDITIONAL_IP6_ADDRESS = R.known(16398, "ADDITIONAL_IP6_ADDRESS");
    public static final NotifyType NO_ADDITIONAL_ADDRESSES = R.known(16399, "NO_ADDITIONAL_ADDRESSES");
    public static final NotifyType UPDATE_SA_ADDRESSES = R.known(16400, "UPDATE_SA_ADDRESSES");
    public static final NotifyType COOKIE2 = R.known(16401, "COOKIE2");
    public static final NotifyType NO_NATS_ALLOWED = R.known(16402, "NO_NATS_ALLOWED");
    public static final NotifyType AUTH_LIFETIME = R.known(16403, "AUTH_LIFETIME");
    public static final NotifyType MULTIPLE_AUTH_SUPPORTED = R.known(16404, "MULTIPLE_AUTH_SUPPORTED");
    public static final NotifyType ANOTHER_AUTH_FOLLOWS = R.known(16405, "ANOTHER_AUTH_FOLLOWS");
    public static final NotifyType REDIRECT_SUPPORTED = R.known(16406, "REDIRECT_SUPPORTED");
    public static final NotifyType REDIRECT = R.known(16407, "REDIRECT");
    public static final NotifyType REDIRECTED_FROM = R.known(16408, "REDIRECTED_FROM");
    public static final NotifyType TICKET_LT_OPAQUE = R.known(16409, "TICKET_LT_OPAQUE");
    public static final NotifyType TICKET_REQUEST = R.known(16410, "TICKET_REQUEST");
    public static final NotifyType TICKET_ACK = R.known(16411, "TICKET_ACK");
    public static final NotifyType TICKET_NACK = R.known(16412, "TICKET_NACK");
    public static final NotifyType TICKET_OPAQUE = R.known(16413, "TICKET_OPAQUE");
    public static final NotifyType LINK_ID = R.known(16414, "LINK_ID");
    public static final NotifyType USE_WESP_MODE = R.known(16415, "USE_WESP_MODE");
    public static final NotifyType ROHC_SUPPORTED = R.known(16416, "ROHC_SUPPORTED");
    public static final NotifyType EAP_ONLY_AUTHENTICATION = R.known(16417, "EAP_ONLY_AUTHENTICATION");
    public static final NotifyType CHILDLESS_IKEV2_SUPPORTED = R.known(16418, "CHILDLESS_IKEV2_SUPPORTED");
    public static final NotifyType QUICK_CRASH_DETECTION = R.known(16419, "QUICK_CRASH_DETECTION");
    public static final NotifyType IKEV2_MESSAGE_ID_SYNC_SUPPORTED = R.known(16420, "IKEV2_MESSAGE_ID_SYNC_SUPPORTED");
    public static final NotifyType IPSEC_REPLAY_COUNTER_SYNC_SUPPORTED = R.known(16421, "IPSEC_REPLAY_COUNTER_SYNC_SUPPORTED");
    public static final NotifyType IKEV2_MESSAGE_ID_SYNC = R.known(16422, "IKEV2_MESSAGE_ID_SYNC");
    public static final NotifyType IPSEC_REPLAY_COUNTER_SYNC = R.known(16423, "IPSEC_REPLAY_COUNTER_SYNC");
    public static final NotifyType SECURE_PASSWORD_METHODS = R.known(16424, "SECURE_PASSWORD_METHODS");
    public static final NotifyType PSK_PERSIST = R.known(16425, "PSK_PERSIST");
    public static final NotifyType PSK_CONFIRM = R.known(16426, "PSK_CONFIRM");
    public static final NotifyType ERX_SUPPORTED = R.known(16427, "ERX_SUPPORTED");
    public static final NotifyType IFOM_CAPABILITY = R.known(16428, "IFOM_CAPABILITY");
    public static final NotifyType SENDER_REQUEST_ID = R.known(16429, "SENDER_REQUEST_ID");
    public static final NotifyType IKEV2_FRAGMENTATION_SUPPORTED = R.known(16430, "IKEV2_FRAGMENTATION_SUPPORTED");
    public static final NotifyType SIGNATURE_HASH_ALGORITHMS = R.known(16431, "SIGNATURE_HASH_ALGORITHMS");
    public static final NotifyType CLONE_IKE_SA_SUPPORTED = R.known(16432, "CLONE_IKE_SA_SUPPORTED");
    public static final NotifyType CLONE_IKE_SA = R.known(16433, "CLONE_IKE_SA");
    public static final NotifyType PUZZLE = R.known(16434, "PUZZLE");
    public static final NotifyType USE_PPK = R.known(16435, "USE_PPK");
    public static final NotifyType PPK_IDENTITY = R.known(16436, "PPK_IDENTITY");
    public static final NotifyType NO_PPK_AUTH = R.known(16437, "NO_PPK_AUTH");
    public static final NotifyType INTERMEDIATE_EXCHANGE_SUPPORTED = R.known(16438, "INTERMEDIATE_EXCHANGE_SUPPORTED");
    public static final NotifyType IP4_ALLOWED = R.known(16439, "IP4_ALLOWED");
    public static final NotifyType IP6_ALLOWED = R.known(16440, "IP6_ALLOWED");
    public static final NotifyType ADDITIONAL_KEY_EXCHANGE = R.known(16441, "ADDITIONAL_KEY_EXCHANGE");
    public static final NotifyType USE_AGGFRAG = R.known(16442, "USE_AGGFRAG");
    public static final NotifyType SUPPORTED_AUTH_METHODS = R.known(16443, "SUPPORTED_AUTH_METHODS");

    public static NotifyType of(int code) {
        return R.of(code);
    }

    public static Registry<NotifyType> registry() {
        return R;
    }

    /** Error types are below 16384 (RFC 7296 section 3.10.1). */
    public boolean isError() {
        return code < 16384;
    }

    @Override
    public String toString() {
        return name + " (" + code + ")";
    }
}
