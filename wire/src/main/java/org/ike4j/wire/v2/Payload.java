package org.ike4j.wire.v2;

import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteWriter;

/**
 * One IKEv2 payload (RFC 7296 section 3.2 onwards): the closed set of payloads this codec
 * understands, plus {@link UnknownPayload} for every other type, kept as its raw body.
 *
 * <p>A payload record holds only what the sender chose: the next-payload field and the payload
 * length of the generic header are derived when a chain is encoded ({@link PayloadChain}).
 */
public sealed interface Payload
        permits SecurityAssociationPayload, KeyExchangePayload, IdentificationPayload,
        CertificatePayload, CertificateRequestPayload, AuthenticationPayload, NoncePayload,
        NotifyPayload, DeletePayload, VendorIdPayload, TrafficSelectorPayload, EncryptedPayload,
        EncryptedFragmentPayload, ConfigurationPayload, EapPayload,
        GenericSecurePasswordPayload, UnknownPayload {

    /** The payload type this payload is sent as. */
    PayloadType type();

    /** The critical bit and reserved bits of the generic payload header. */
    PayloadFlags flags();

    /** Writes the payload body, everything after the 4-octet generic payload header. */
    void encodeBody(ByteWriter w);

    /**
     * The body's length as {@link #encodeBody} writes it, when the payload knows it without
     * encoding; -1 when only encoding tells. The trees print every payload's length, and counting
     * it by encoding each payload again (an SA payload's every attribute) was a good part of
     * describing a message.
     */
    default int encodedBodyLength() {
        return -1;
    }

    /** Adds the body's fields to a tree whose header lines are already written. */
    void describeBody(TreeSink b);

    /** The heading used when the payload is printed, e.g. {@code IKEv2 Nonce Payload}. */
    String title();
}
