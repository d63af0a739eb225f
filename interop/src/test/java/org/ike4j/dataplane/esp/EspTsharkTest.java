package org.ike4j.dataplane.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.ike4j.analysis.capture.PcapWriter;
import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.analysis.keys.WiresharkNames;
import org.ike4j.config.Encryption;
import org.ike4j.crypto.Secret;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.testkit.Tshark;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The independent judge: ICMP echo requests sealed here, written as ESP in UDP 4500 (RFC 3948) to
 * a capture, and decrypted by tshark 4.0 with only an {@code esp_sa} row (the SPI, algorithms and
 * keys) to go on. tshark checks the ICV and shows the inner ICMP with its id and sequence number;
 * with a wrong key it shows no ICMP at all. Every transform Wireshark 4.0 can decrypt
 * (ChaCha20-Poly1305 it cannot).
 */
class EspTsharkTest {

    static List<EspSuite> decryptable() {
        return Arrays.stream(EspPackets.suites()).filter(s -> espEncryption(s).isPresent()
                && s.integrity().map(i -> WiresharkNames.espAuthentication(i).isPresent()).orElse(true)).toList();
    }

    private static java.util.Optional<String> espEncryption(EspSuite s) {
        return switch (s.encryption()) {
            case Encryption.Cipher c -> WiresharkNames.espEncryption(c.algorithm());
            case Encryption.Aead a -> WiresharkNames.espEncryption(a.algorithm());
        };
    }

    @ParameterizedTest
    @MethodSource("decryptable")
    void tsharkDecryptsWhatWeSealed(EspSuite suite, @TempDir Path dir) throws IOException {
        Prerequisites.require(Requirement.TSHARK);
        for (boolean esn : new boolean[] {false, true}) {
            EspPackets.Pair p = EspPackets.pair(suite, esn, 64, Lifetime.NONE, e -> { });
            InetSocketAddress src = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 4500);
            InetSocketAddress dst = new InetSocketAddress(InetAddress.getByName("192.0.2.2"), 4500);
            Path pcap = dir.resolve("esp-" + esn + ".pcap");
            try (PcapWriter w = PcapWriter.create(pcap, PcapWriter.Link.RAW)) {
                for (int i = 1; i <= 5; i++) {
                    byte[] inner = EspPackets.icmpEcho(InetAddress.getByName("10.0.1.1"), InetAddress.getByName("10.0.2.1"),
                            0x4303, i, 28 + i * 37);
                    byte[] buf = new byte[64 + inner.length + 64];
                    System.arraycopy(inner, 0, buf, 64, inner.length);
                    int n = p.out().seal(buf, 64, inner.length, EspInbound.IPV4);
                    int start = 64 - p.out().headerSize();
                    w.espInUdp(Instant.ofEpochSecond(1_700_000_000L + i), src, dst, Arrays.copyOfRange(buf, start, start + n));
                }
            }
            List<String> fields = List.of("icmp.type", "icmp.ident", "icmp.seq", "esp.sequence", "esp.icv_good");
            List<List<String>> rows = Tshark.fields(pcap, "esp", fields, options(suite, p, p.key(), esn));
            assertEquals(5, rows.size(), rows.toString());
            for (int i = 0; i < 5; i++) {
                List<String> r = rows.get(i);
                assertEquals("8", r.get(0), suite + " esn=" + esn + " packet " + (i + 1) + ": no ICMP inside " + rows);
                assertEquals("17155", r.get(1), "ICMP id 0x4303");
                assertEquals(Integer.toString(i + 1), r.get(2));
                assertEquals(Integer.toString(i + 1), r.get(3), "ESP sequence number");
                // Wireshark 4.0 knows nothing of ESN (its esp_sa rows have no such column), so its ICV
                // check leaves out the high-order sequence bits: it can only agree without ESN
                if (!esn && !suite.encryption().isAead()) {
                    assertEquals("1", r.get(4), "tshark checked the ICV: " + r + " esn=" + esn + "\n"
                            + Tshark.verbose(pcap, "frame.number == 1", options(suite, p, p.key(), esn)));
                }
            }
            // the control: a wrong encryption key, and tshark finds no ICMP
            if (p.key().length() == 0) {
                continue;   // NULL encryption: nothing to get wrong
            }
            byte[] wrong = p.key().reveal();
            wrong[0] ^= 0x10;   // not bit 0: a DES parity bit
            List<List<String>> bad = Tshark.fields(pcap, "esp", fields, options(suite, p, Secret.wrap(wrong), esn));
            assertTrue(bad.stream().noneMatch(r -> r.get(0).equals("8")), bad.toString());
        }
    }

    private static List<String> options(EspSuite suite, EspPackets.Pair p, Secret key, boolean esn) {
        String auth = suite.integrity().map(i -> WiresharkNames.espAuthentication(i).orElseThrow()).orElse("NULL");
        KeyTableEntry row = new KeyTableEntry.EspSa("IPv4", "192.0.2.1", "192.0.2.2", p.out().spi() & 0xFFFFFFFFL,
                espEncryption(suite).orElseThrow(), key, auth, p.integrityKey());
        return List.of("esp.enable_encryption_decode:TRUE", "esp.enable_authentication_check:TRUE",
                "esp.do_esp_sequence_analysis:TRUE", WiresharkKeyTables.tsharkOption(row));
    }
}
