/**
 * The ISAKMP / IKEv1 wire format: RFC 2408 (ISAKMP), RFC 2407 (IPsec DOI), RFC 2409 (IKE,
 * Appendix A attributes), RFC 3947 (NAT-T), RFC 3706 (DPD), the mode-config / XAUTH attribute
 * payload and the IKEv1 fragment payload.
 *
 * <p>What is here:
 * <ul>
 * <li>Open-enum registries ({@link org.ike4j.wire.Registry}): {@link org.ike4j.wire.v1.PayloadType},
 *     {@link org.ike4j.wire.v1.ExchangeType}, {@link org.ike4j.wire.v1.NotifyType},
 *     {@link org.ike4j.wire.v1.ProtocolId}, {@link org.ike4j.wire.v1.TransformId} (per protocol),
 *     {@link org.ike4j.wire.v1.Phase1Attributes}, {@link org.ike4j.wire.v1.IpsecAttributes},
 *     {@link org.ike4j.wire.v1.ConfigAttributes}, {@link org.ike4j.wire.v1.IdType},
 *     {@link org.ike4j.wire.v1.CertEncoding}, {@link org.ike4j.wire.v1.Doi}.</li>
 * <li>Immutable records for the header and every payload, behind the sealed
 *     {@link org.ike4j.wire.v1.Payload}; SA payloads hold {@link org.ike4j.wire.v1.Proposal}s,
 *     which hold {@link org.ike4j.wire.v1.Transform}s, which hold
 *     {@link org.ike4j.wire.v1.DataAttribute}s named by an {@link org.ike4j.wire.v1.AttributeClass}
 *     chosen by the proposal's protocol.</li>
 * <li>{@link org.ike4j.wire.v1.IsakmpCodec}: datagram to {@link org.ike4j.wire.v1.PlainMessage} or
 *     {@link org.ike4j.wire.v1.EncryptedMessage} and back; decrypted plaintext to a
 *     {@link org.ike4j.wire.v1.PayloadChain} (payloads plus padding) and back.</li>
 * </ul>
 *
 * <p>Invariants: for every input the decoder accepts, encoding the result gives the same bytes
 * (reserved fields, TV/TLV form, attribute order and padding are kept), and decoding an encoded
 * message gives an equal message. Next payload fields, lengths, SPI sizes and counts are derived
 * by the encoder, never filled by the caller. Bad input throws only
 * {@link org.ike4j.wire.DecodeException} with the offset, the field and the notify to answer.
 */
package org.ike4j.wire.v1;
