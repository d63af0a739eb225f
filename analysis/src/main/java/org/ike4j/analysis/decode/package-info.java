/**
 * The capture decoder behind {@code ike4j decode}: {@link org.ike4j.analysis.decode.Decoder} reads
 * a capture (through {@link org.ike4j.analysis.capture.CaptureReader}), groups the IKE messages by
 * IKE SA, decrypts them with the keys of {@link org.ike4j.analysis.decode.KeySources} (Wireshark's
 * tables, charon and pluto logs) — IKEv1 by rebuilding the IV chain of RFC 2409 Appendix B from the
 * capture, IKEv2 through the engine's {@code SkProtector} (RFC 7296 section 3.14, RFC 5282, RFC
 * 7383) — and says per message what it could not decrypt and why. The result, a
 * {@link org.ike4j.analysis.decode.Conversation}, prints as text, JSON or a self-contained HTML
 * ladder diagram. ESP (RFC 4303) is opened with {@code esp_sa} keys by {@link org.ike4j.analysis.decode.EspOpener}
 * through the dataplane's {@code EspInbound}.
 */
package org.ike4j.analysis.decode;
