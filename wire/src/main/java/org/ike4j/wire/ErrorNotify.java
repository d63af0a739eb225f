package org.ike4j.wire;

/**
 * A notify message type that answers a malformed message, with the version it belongs to.
 * IKEv1 (RFC 2408 section 3.14.1) and IKEv2 (RFC 7296 section 3.10.1) number them differently,
 * so the codec of each version names its own.
 *
 * @param ikeVersion 1 or 2
 * @param type the notify message type as sent on the wire
 * @param name the RFC's name, e.g. {@code PAYLOAD-MALFORMED} or {@code INVALID_SYNTAX}
 */
public record ErrorNotify(int ikeVersion, int type, String name) {

    // IKEv1, RFC 2408 section 3.14.1
    public static final ErrorNotify V1_INVALID_PAYLOAD_TYPE = new ErrorNotify(1, 1, "INVALID-PAYLOAD-TYPE");
    public static final ErrorNotify V1_DOI_NOT_SUPPORTED = new ErrorNotify(1, 2, "DOI-NOT-SUPPORTED");
    public static final ErrorNotify V1_SITUATION_NOT_SUPPORTED = new ErrorNotify(1, 3, "SITUATION-NOT-SUPPORTED");
    public static final ErrorNotify V1_INVALID_COOKIE = new ErrorNotify(1, 4, "INVALID-COOKIE");
    public static final ErrorNotify V1_INVALID_MAJOR_VERSION = new ErrorNotify(1, 5, "INVALID-MAJOR-VERSION");
    public static final ErrorNotify V1_INVALID_MINOR_VERSION = new ErrorNotify(1, 6, "INVALID-MINOR-VERSION");
    public static final ErrorNotify V1_INVALID_EXCHANGE_TYPE = new ErrorNotify(1, 7, "INVALID-EXCHANGE-TYPE");
    public static final ErrorNotify V1_INVALID_FLAGS = new ErrorNotify(1, 8, "INVALID-FLAGS");
    public static final ErrorNotify V1_INVALID_MESSAGE_ID = new ErrorNotify(1, 9, "INVALID-MESSAGE-ID");
    public static final ErrorNotify V1_INVALID_PROTOCOL_ID = new ErrorNotify(1, 10, "INVALID-PROTOCOL-ID");
    public static final ErrorNotify V1_INVALID_SPI = new ErrorNotify(1, 11, "INVALID-SPI");
    public static final ErrorNotify V1_INVALID_TRANSFORM_ID = new ErrorNotify(1, 12, "INVALID-TRANSFORM-ID");
    public static final ErrorNotify V1_ATTRIBUTES_NOT_SUPPORTED = new ErrorNotify(1, 13, "ATTRIBUTES-NOT-SUPPORTED");
    public static final ErrorNotify V1_BAD_PROPOSAL_SYNTAX = new ErrorNotify(1, 15, "BAD-PROPOSAL-SYNTAX");
    public static final ErrorNotify V1_PAYLOAD_MALFORMED = new ErrorNotify(1, 16, "PAYLOAD-MALFORMED");
    public static final ErrorNotify V1_INVALID_ID_INFORMATION = new ErrorNotify(1, 18, "INVALID-ID-INFORMATION");
    public static final ErrorNotify V1_UNEQUAL_PAYLOAD_LENGTHS = new ErrorNotify(1, 30, "UNEQUAL-PAYLOAD-LENGTHS");

    // IKEv2, RFC 7296 section 3.10.1
    public static final ErrorNotify V2_UNSUPPORTED_CRITICAL_PAYLOAD = new ErrorNotify(2, 1, "UNSUPPORTED_CRITICAL_PAYLOAD");
    public static final ErrorNotify V2_INVALID_IKE_SPI = new ErrorNotify(2, 4, "INVALID_IKE_SPI");
    public static final ErrorNotify V2_INVALID_MAJOR_VERSION = new ErrorNotify(2, 5, "INVALID_MAJOR_VERSION");
    public static final ErrorNotify V2_INVALID_SYNTAX = new ErrorNotify(2, 7, "INVALID_SYNTAX");
    public static final ErrorNotify V2_INVALID_MESSAGE_ID = new ErrorNotify(2, 9, "INVALID_MESSAGE_ID");
    public static final ErrorNotify V2_INVALID_SPI = new ErrorNotify(2, 11, "INVALID_SPI");
}
