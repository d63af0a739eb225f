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

    /** Adds the body's fields to a tree whose header lines are already written. */
    void describeBody(TreeSink b);

    /** The heading used when the payload is printed. */
    default String title() {
        return switch (this) {
            case SecurityAssociationPayload p -> "IKEv2 Security Association Payload";
            case KeyExchangePayload p -> "IKEv2 Key Exchange Payload";
            case IdentificationPayload p -> p.isInitiator()
                    ? "IKEv2 Identification - Initiator Payload" : "IKEv2 Identification - Responder Payload";
            case CertificatePayload p -> "IKEv2 Certificate Payload";
            case CertificateRequestPayload p -> "IKEv2 Certificate Request Payload";
            case AuthenticationPayload p -> "IKEv2 Authentication Payload";
            case NoncePayload p -> "IKEv2 Nonce Payload";
            case NotifyPayload p -> "IKEv2 Notify Payload";
            case DeletePayload p -> "IKEv2 Delete Payload";
            case VendorIdPayload p -> "IKEv2 Vendor ID Payload";
            case TrafficSelectorPayload p -> p.isInitiator()
                    ? "IKEv2 Traffic Selector - Initiator Payload" : "IKEv2 Traffic Selector - Responder Payload";
            case EncryptedPayload p -> "IKEv2 Encrypted and Authenticated Payload";
            case EncryptedFragmentPayload p -> "IKEv2 Encrypted and Authenticated Fragment Payload";
            case ConfigurationPayload p -> "IKEv2 Configuration Payload";
            case EapPayload p -> "IKEv2 EAP Payload";
            case GenericSecurePasswordPayload p -> "IKEv2 Generic Secure Password Methods Payload";
            case UnknownPayload p -> "IKEv2 Unknown Payload";
        };
    }
}
