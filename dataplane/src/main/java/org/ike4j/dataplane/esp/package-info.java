/**
 * ESP packet processing, RFC 4303 tunnel mode, with no I/O: {@link org.ike4j.dataplane.esp.EspOutbound}
 * seals an inner IP packet in place (SPI, sequence number, IV, padding, pad length, next header,
 * ICV), {@link org.ike4j.dataplane.esp.EspInbound} opens one (length checks, the anti-replay
 * window of section 3.4.3 with ESN inference from Appendix A2, the ICV before decryption,
 * padding and next header), and {@link org.ike4j.dataplane.esp.EspSa} builds both from a
 * negotiated {@code ChildSa}. Transforms: AES-CBC, AES-CTR, 3DES-CBC and NULL (RFC 2410) with
 * HMAC-SHA1-96 / SHA2; AES-GCM (RFC 4106) and ChaCha20-Poly1305 (RFC 7634). UDP encapsulation
 * (RFC 3948) is the caller's framing. Keys are used through the in-place {@code forPackets} API
 * of {@code org.ike4j.crypto}, so a packet costs no buffer allocation.
 */
package org.ike4j.dataplane.esp;
