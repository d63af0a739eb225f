package org.ike4j.analysis.decode;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ike4j.analysis.capture.CaptureRecord;
import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkNames;
import org.ike4j.config.Encryption;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.dataplane.esp.EspInbound;
import org.ike4j.dataplane.esp.EspSuite;
import org.ike4j.dataplane.esp.Lifetime;

/**
 * Opens captured ESP packets (RFC 4303) with the keys of {@code esp_sa} rows, through the
 * dataplane's own {@link EspInbound}: the ICV is checked before anything is decrypted (section
 * 3.4.4), and the inner packet is summarised by {@link InnerPacket}.
 *
 * <p>Replay is not enforced (a capture may be reordered or hold both sides of a mirror port) but a
 * sequence number seen before on the same SPI is noted. A row matches a packet by SPI, address
 * family and addresses, where {@code *} (or a trailing {@code *} after a prefix) is a wildcard as in
 * Wireshark's table. Wireshark's table has no column for extended sequence numbers (RFC 4303
 * section 2.2.1): when the ICV fails without ESN it is tried with ESN (high-order bits 0).
 *
 * <p>One instance per capture: it remembers sequence numbers and keeps one opener per row.
 */
public final class EspOpener implements EspDecryption {

    private final Crypto crypto;
    /** Openers by row and ESN, made on first use; an empty value: the row names no suite we know. */
    private final Map<KeyTableEntry.EspSa, Optional<EspInbound[]>> openers = new HashMap<>();
    private final Map<Long, Map<Long, Long>> seen = new HashMap<>();

    public EspOpener(Crypto crypto) {
        this.crypto = crypto;
    }

    @Override
    public EspNote open(CaptureRecord.EspPacket packet, KeySources keys) {
        int bytes = packet.bytes().length();
        Long first = seen.computeIfAbsent(packet.spi(), k -> new HashMap<>()).putIfAbsent(packet.seq(), packet.frame());
        long duplicateOf = first == null ? 0 : first;
        List<KeyTableEntry.EspSa> rows = new ArrayList<>();
        for (KeyTableEntry.EspSa row : keys.esp()) {
            if (row.spi() == packet.spi() && matches(row, packet.src(), packet.dst())) {
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            return failed(packet, duplicateOf, EspNote.Status.NO_KEY, String.format("no key for SPI 0x%08x",
                    packet.spi()));
        }
        EspNote.Status status = EspNote.Status.NOT_DECRYPTED;
        String failure = "";
        for (KeyTableEntry.EspSa row : rows) {
            Optional<EspInbound[]> o = openers.computeIfAbsent(row, this::openers);
            if (o.isEmpty()) {
                failure = "esp_sa row names an algorithm or key length not known here (" + row.encryption() + " with "
                        + row.encryptionKey().length() + "-byte key, " + row.authentication() + " with "
                        + row.authenticationKey().length() + "-byte key)";
                continue;
            }
            EspInbound[] in = o.get();
            byte[] raw = packet.bytes().toByteArray();
            int minimum = in[0].headerSize() + in[0].suite().icvSize() + 2;
            if (raw.length < minimum) {
                return failed(packet, duplicateOf, EspNote.Status.MALFORMED, "truncated ESP: " + raw.length
                        + " bytes, " + in[0].suite() + " needs at least " + minimum);
            }
            for (int esn = 0; esn < 2; esn++) {
                byte[] buf = raw.clone();
                int r = in[esn].open(buf, 0, buf.length);
                if (r >= 0) {
                    int length = EspInbound.payloadLength(r);
                    int nextHeader = EspInbound.nextHeader(r);
                    int padLength = buf.length - in[esn].headerSize() - in[esn].suite().icvSize() - 2 - length;
                    return new EspNote(packet.spi(), packet.seq(), packet.udpEncap(), bytes, EspNote.Status.DECRYPTED,
                            in[esn].suite() + (esn == 1 ? ", ESN" : ""),
                            Optional.of(InnerPacket.parse(buf, in[esn].headerSize(), length, nextHeader)), padLength,
                            nextHeader, duplicateOf, "");
                }
                EspInbound.Drop d = EspInbound.Drop.of(r);
                if (d == EspInbound.Drop.INTEGRITY) {
                    status = EspNote.Status.INTEGRITY_FAILED;
                    failure = "integrity check failed (ICV does not verify with the esp_sa key of " + row.encryption()
                            + " / " + row.authentication() + "): not decrypted";
                    continue;
                }
                return switch (d) {
                    case MALFORMED -> failed(packet, duplicateOf, EspNote.Status.MALFORMED, "malformed ESP: "
                            + raw.length + " bytes is not header, IV, whole cipher blocks and ICV of " + in[esn].suite());
                    case BAD_PADDING -> failed(packet, duplicateOf, EspNote.Status.NOT_DECRYPTED, "ICV ok but the"
                            + " padding is not 1, 2, 3... (RFC 4303 section 2.4): wrong encryption key?");
                    case DUMMY -> failed(packet, duplicateOf, EspNote.Status.NOT_DECRYPTED,
                            "a dummy packet (next header 59, RFC 4303 section 2.6)");
                    default -> failed(packet, duplicateOf, EspNote.Status.NOT_DECRYPTED, "dropped: " + d);
                };
            }
        }
        return failed(packet, duplicateOf, status, failure);
    }

    private static EspNote failed(CaptureRecord.EspPacket packet, long duplicateOf, EspNote.Status status,
            String detail) {
        return new EspNote(packet.spi(), packet.seq(), packet.udpEncap(), packet.bytes().length(), status, "",
                Optional.empty(), -1, -1, duplicateOf, detail);
    }

    /** Openers without and with ESN for one row, or empty when its names do not map to a suite. */
    private Optional<EspInbound[]> openers(KeyTableEntry.EspSa row) {
        Optional<EspSuite> suite = suite(row.encryption(), row.encryptionKey().length(), row.authentication(),
                row.authenticationKey().length());
        if (suite.isEmpty()) {
            return Optional.empty();
        }
        int spi = (int) row.spi();
        try {
            // replay window 0: no replay check; transport false: next header reported, not judged
            return Optional.of(new EspInbound[] {
                new EspInbound(spi, suite.get(), false, 0, row.encryptionKey(), row.authenticationKey(), Lifetime.NONE,
                        crypto, e -> { }, false),
                new EspInbound(spi, suite.get(), true, 0, row.encryptionKey(), row.authenticationKey(), Lifetime.NONE,
                        crypto, e -> { }, false)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The suite an {@code esp_sa} row names: Wireshark's names (told apart by key length, which for
     * AES-CTR and AES-GCM includes the 4-byte salt), or ike4j's own algorithm names for transforms
     * Wireshark 4.0 cannot decrypt (ChaCha20-Poly1305, AES-CCM, AES-XCBC, AES-CMAC).
     */
    static Optional<EspSuite> suite(String encryption, int keyLength, String authentication, int authKeyLength) {
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            if (a.keySize() == keyLength && (a.name().equalsIgnoreCase(encryption)
                    || WiresharkNames.espEncryption(a).map(encryption::equals).orElse(false))) {
                return Optional.of(EspSuite.of(Encryption.of(a)));
            }
        }
        CipherAlgorithm cipher = null;
        for (CipherAlgorithm c : CipherAlgorithm.values()) {
            if (c.keySize() == keyLength && (c.name().equalsIgnoreCase(encryption)
                    || WiresharkNames.espEncryption(c).map(encryption::equals).orElse(false))) {
                cipher = c;
            }
        }
        if (cipher == null) {
            return Optional.empty();
        }
        if (authentication.equals("NULL") || authentication.startsWith("NULL ")) {
            return cipher == CipherAlgorithm.NULL ? Optional.empty()
                    : Optional.of(new EspSuite(Encryption.of(cipher), Optional.empty()));
        }
        for (IntegrityAlgorithm i : IntegrityAlgorithm.values()) {
            if (i.keySize() == authKeyLength && (i.name().equalsIgnoreCase(authentication)
                    || WiresharkNames.espAuthentication(i).map(authentication::equals).orElse(false))) {
                return Optional.of(EspSuite.of(Encryption.of(cipher), i));
            }
        }
        return Optional.empty();
    }

    /** Wireshark's address column: exact, {@code *}, or a prefix ending in {@code *}. */
    static boolean matches(KeyTableEntry.EspSa row, InetAddress src, InetAddress dst) {
        boolean v6 = src instanceof java.net.Inet6Address;
        if (row.protocol().equals("IPv6") != v6) {
            return false;
        }
        return matches(row.source(), src) && matches(row.destination(), dst);
    }

    private static boolean matches(String pattern, InetAddress a) {
        String p = pattern.strip();
        if (p.equals("*") || p.isEmpty()) {
            return true;
        }
        String host = a.getHostAddress();
        if (p.endsWith("*")) {
            return host.startsWith(p.substring(0, p.length() - 1));
        }
        try {
            return InetAddress.getByName(p).equals(a);
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
