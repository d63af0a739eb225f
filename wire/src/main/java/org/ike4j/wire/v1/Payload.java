package org.ike4j.wire.v1;

import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Tree;

/**
 * An ISAKMP payload (RFC 2408 section 3.2 onwards). Every payload starts with the generic
 * header:
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The next payload and the length are not part of the records: the encoder derives them from the
 * payload list. The RESERVED byte is kept as received ({@link #reserved()}), so that re-encoding
 * an accepted message gives back its bytes.
 */
public sealed interface Payload permits SecurityAssociationPayload, KeyExchangePayload,
        IdentificationPayload, CertificatePayload, CertificateRequestPayload, HashPayload,
        SignaturePayload, NoncePayload, NotificationPayload, DeletePayload, VendorIdPayload,
        NatDiscoveryPayload, NatOriginalAddressPayload, AttributePayload, FragmentPayload,
        UnknownPayload {

    /** The payload type that announces this payload in the previous one's next payload field. */
    PayloadType type();

    /** The generic header's RESERVED byte (RFC 2408 says 0; kept as received). */
    int reserved();

    /** Writes the body after the generic header. */
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

    /** The heading in traces, e.g. {@code ISAKMP Nonce Payload}. */
    String title();

    /** Adds the body's fields to a tree whose heading and generic header the caller wrote. */
    void describe(TreeSink b);

    /** The payload alone as a tree (without the chain's next payload and length). */
    default Tree tree() {
        return Tree.of(s -> {
            s.open(title());
            describe(s);
            s.close();
        });
    }
}
