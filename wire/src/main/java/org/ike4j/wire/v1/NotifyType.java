package org.ike4j.wire.v1;

import org.ike4j.wire.ErrorNotify;
import org.ike4j.wire.Registry;

/**
 * ISAKMP notify message types: the errors of RFC 2408 section 3.14.1 (1-30) and its status type
 * CONNECTED (16384), the IPsec DOI status types of RFC 2407 section 4.6.3 (24576-24578), and
 * Dead Peer Detection R-U-THERE / R-U-THERE-ACK of RFC 3706 section 5.1 (36136, 36137).
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

    private static final Registry<NotifyType> R = new Registry<>("ISAKMP notify message type", NotifyType::new);

    public static final NotifyType INVALID_PAYLOAD_TYPE = R.known(1, "INVALID-PAYLOAD-TYPE");
    public static final NotifyType DOI_NOT_SUPPORTED = R.known(2, "DOI-NOT-SUPPORTED");
    public static final NotifyType SITUATION_NOT_SUPPORTED = R.known(3, "SITUATION-NOT-SUPPORTED");
    public static final NotifyType INVALID_COOKIE = R.known(4, "INVALID-COOKIE");
    public static final NotifyType INVALID_MAJOR_VERSION = R.known(5, "INVALID-MAJOR-VERSION");
    public static final NotifyType INVALID_MINOR_VERSION = R.known(6, "INVALID-MINOR-VERSION");
    public static final NotifyType INVALID_EXCHANGE_TYPE = R.known(7, "INVALID-EXCHANGE-TYPE");
    public static final NotifyType INVALID_FLAGS = R.known(8, "INVALID-FLAGS");
    public static final NotifyType INVALID_MESSAGE_ID = R.known(9, "INVALID-MESSAGE-ID");
    public static final NotifyType INVALID_PROTOCOL_ID = R.known(10, "INVALID-PROTOCOL-ID");
    public static final NotifyType INVALID_SPI = R.known(11, "INVALID-SPI");
    public static final NotifyType INVALID_TRANSFORM_ID = R.known(12, "INVALID-TRANSFORM-ID");
    public static final NotifyType ATTRIBUTES_NOT_SUPPORTED = R.known(13, "ATTRIBUTES-NOT-SUPPORTED");
    public static final NotifyType NO_PROPOSAL_CHOSEN = R.known(14, "NO-PROPOSAL-CHOSEN");
    public static final NotifyType BAD_PROPOSAL_SYNTAX = R.known(15, "BAD-PROPOSAL-SYNTAX");
    public static final NotifyType PAYLOAD_MALFORMED = R.known(16, "PAYLOAD-MALFORMED");
    public static final NotifyType INVALID_KEY_INFORMATION = R.known(17, "INVALID-KEY-INFORMATION");
    public static final NotifyType INVALID_ID_INFORMATION = R.known(18, "INVALID-ID-INFORMATION");
    public static final NotifyType INVALID_CERT_ENCODING = R.known(19, "INVALID-CERT-ENCODING");
    public static final NotifyType INVALID_CERTIFICATE = R.known(20, "INVALID-CERTIFICATE");
    public static final NotifyType CERT_TYPE_UNSUPPORTED = R.known(21, "CERT-TYPE-UNSUPPORTED");
    public static final NotifyType INVALID_CERT_AUTHORITY = R.known(22, "INVALID-CERT-AUTHORITY");
    public static final NotifyType INVALID_HASH_INFORMATION = R.known(23, "INVALID-HASH-INFORMATION");
    public static final NotifyType AUTHENTICATION_FAILED = R.known(24, "AUTHENTICATION-FAILED");
    public static final NotifyType INVALID_SIGNATURE = R.known(25, "INVALID-SIGNATURE");
    public static final NotifyType ADDRESS_NOTIFICATION = R.known(26, "ADDRESS-NOTIFICATION");
    public static final NotifyType NOTIFY_SA_LIFETIME = R.known(27, "NOTIFY-SA-LIFETIME");
    public static final NotifyType CERTIFICATE_UNAVAILABLE = R.known(28, "CERTIFICATE-UNAVAILABLE");
    public static final NotifyType UNSUPPORTED_EXCHANGE_TYPE = R.known(29, "UNSUPPORTED-EXCHANGE-TYPE");
    public static final NotifyType UNEQUAL_PAYLOAD_LENGTHS = R.known(30, "UNEQUAL-PAYLOAD-LENGTHS");
    /** RFC 2408 section 3.14.1 status. */
    public static final NotifyType CONNECTED = R.known(16384, "CONNECTED");
    /** RFC 2407 section 4.6.3.1; its data are IPsec DOI attributes. */
    public static final NotifyType RESPONDER_LIFETIME = R.known(24576, "RESPONDER-LIFETIME");
    /** RFC 2407 section 4.6.3.2; data is a 4-byte replay-detection flag. */
    public static final NotifyType REPLAY_STATUS = R.known(24577, "REPLAY-STATUS");
    /** RFC 2407 section 4.6.3.3. */
    public static final NotifyType INITIAL_CONTACT = R.known(24578, "INITIAL-CONTACT");
    /** RFC 3706 section 5.1; data is a 4-byte sequence number. */
    public static final NotifyType R_U_THERE = R.known(36136, "R-U-THERE");
    /** RFC 3706 section 5.1. */
    public static final NotifyType R_U_THERE_ACK = R.known(36137, "R-U-THERE-ACK");

    public NotifyType {
        if (code < 0 || code > 0xffff) {
            throw new IllegalArgumentException("notify message type is two bytes: " + code);
        }
    }

    public static NotifyType of(int code) {
        return R.of(code);
    }

    /** The notify type a decode error answers with. */
    public static NotifyType of(ErrorNotify answer) {
        return R.of(answer.type());
    }
}
