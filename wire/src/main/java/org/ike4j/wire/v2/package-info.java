/**
 * The IKEv2 wire format: RFC 7296 section 3, RFC 7383 (SKF) and RFC 9370 (additional key
 * exchanges), with the IANA IKEv2 registries as open enumerations.
 *
 * <h2>Model</h2>
 * An {@link org.ike4j.wire.v2.Ikev2Message} is an {@link org.ike4j.wire.v2.Ikev2Header} and a
 * list of {@link org.ike4j.wire.v2.Payload}s, a sealed set of records, one per payload family,
 * plus {@link org.ike4j.wire.v2.UnknownPayload} for types the codec does not model. Records hold
 * what the sender chose; Next Payload fields, lengths, counts, SPI sizes and Last Substruc values
 * are derived when encoding, so callers never fill them. Reserved fields are kept (RFC 7296 asks
 * receivers to ignore them, not to zero them), as are TV/TLV attribute forms and their order.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>{@code Ikev2Decoder.decode(b).encode()} equals {@code b} octet for octet, and
 *       {@code Ikev2Decoder.decode(m.encode())} equals {@code m}, for every message the decoder
 *       accepts (property-tested and fuzzed).
 *   <li>Bad input throws only {@link org.ike4j.wire.DecodeException} with offset, field and the
 *       notify to answer (INVALID_SYNTAX, INVALID_MAJOR_VERSION, UNSUPPORTED_CRITICAL_PAYLOAD);
 *       every length and count is checked against its container before anything is allocated.
 *   <li>An SK or SKF payload is always last; its Next Payload names the first inner payload.
 *       After decryption, {@link org.ike4j.wire.v2.Ikev2Decoder#decodePayloads} decodes the
 *       inner chain.
 *   <li>Unknown payloads with the critical bit set: {@link org.ike4j.wire.v2.Ikev2Decoder.Mode#STRICT}
 *       rejects the message (RFC 7296 section 2.5), {@link org.ike4j.wire.v2.Ikev2Decoder.Mode#LENIENT}
 *       keeps them for analysis tools.
 * </ul>
 */
package org.ike4j.wire.v2;
