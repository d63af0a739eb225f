package org.ike4j.daemon.keylog;

import java.io.IOException;
import java.io.Writer;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.analysis.keys.WiresharkNames;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.Encryption;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Secret;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.KeyLogEntry;

/**
 * {@code --keylog DIR}: appends rows to Wireshark's own key table files in DIR, as a Wireshark
 * profile directory holds them, so that DIR can be given to Wireshark as a profile (or each row
 * to tshark as {@code -o uat:TABLE:ROW}):
 *
 * <ul>
 * <li>{@code ikev1_decryption_table}: initiator cookie, Phase 1 encryption key, one row per ISAKMP SA;</li>
 * <li>{@code ikev2_decryption_table}: SPIi, SPIr, SK_ei, SK_er, encryption, SK_ai, SK_ar, integrity, one
 *     row per IKE SA;</li>
 * <li>{@code esp_sa}: protocol, source, destination, SPI, encryption and key, authentication and key, one
 *     row per direction of every ESP SA installed.</li>
 * </ul>
 *
 * Rows are formatted by analysis' {@link WiresharkKeyTables}, with the algorithm names Wireshark 4.0
 * spells ({@link WiresharkNames}); an algorithm Wireshark cannot decrypt gets no row, and the
 * answer says why. Files are created with mode 0600 before a key is written into them. Thread-safe.
 */
public final class KeyLogWriter {
    public static final String IKEV1 = "ikev1_decryption_table";
    public static final String IKEV2 = "ikev2_decryption_table";
    public static final String ESP = "esp_sa";

    private final Path directory;

    public KeyLogWriter(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** What was written (rows are not repeated here: they hold keys). */
    public record Written(List<String> written, List<String> skipped) {
    }

    /** Appends the row of an IKE SA. */
    public synchronized Written write(KeyLogEntry entry) throws IOException {
        return switch (entry) {
            case KeyLogEntry.Ikev1IsakmpSa e -> {
                append(new KeyTableEntry.Ikev1(e.initiatorCookie(), e.encryptionKey()));
                yield new Written(List.of(IKEV1 + " row for initiator cookie " + e.initiatorCookie().hex()), List.of());
            }
            case KeyLogEntry.Ikev2Sa e -> {
                Optional<String> enc = switch (e.encryption()) {
                    case Encryption.Cipher c -> WiresharkNames.ikev2Encryption(c.algorithm());
                    case Encryption.Aead a -> WiresharkNames.ikev2Encryption(a.algorithm());
                };
                Optional<String> integ = e.integrity().isEmpty() ? Optional.of(WiresharkNames.IKEV2_NO_INTEGRITY)
                        : WiresharkNames.ikev2Integrity(e.integrity().get());
                String what = IKEV2 + " row for SPIs " + e.spiI().hex() + "/" + e.spiR().hex();
                if (enc.isEmpty() || integ.isEmpty()) {
                    yield new Written(List.of(), List.of(what + ": " + e.encryption() + "/"
                            + e.integrity().map(Enum::name).orElse("none") + " " + WiresharkNames.UNSUPPORTED));
                }
                append(new KeyTableEntry.Ikev2(e.spiI(), e.spiR(), e.skEi(), e.skEr(), enc.get(), e.skAi(), e.skAr(),
                        integ.get()));
                yield new Written(List.of(what), List.of());
            }
        };
    }

    /** Appends an ESP SA pair's two rows (inbound: peer to us; outbound: us to the peer). */
    public synchronized Written write(ChildSa sa) throws IOException {
        String what = ESP + " rows for " + sa.spis();
        if (sa.protocol() != ChildProposal.Protocol.ESP || sa.encryption().isEmpty()) {
            return new Written(List.of(), List.of(what + ": not ESP"));
        }
        Optional<String> enc = switch (sa.encryption().get()) {
            case Encryption.Cipher c -> WiresharkNames.espEncryption(c.algorithm());
            case Encryption.Aead a -> WiresharkNames.espEncryption(a.algorithm());
        };
        Optional<String> auth = sa.integrity().isEmpty() ? Optional.of(WiresharkNames.ESP_NULL)
                : WiresharkNames.espAuthentication(sa.integrity().get());
        if (enc.isEmpty() || auth.isEmpty()) {
            return new Written(List.of(), List.of(what + ": " + sa.encryption().get() + "/"
                    + sa.integrity().map(IntegrityAlgorithm::name).orElse("none") + " " + WiresharkNames.UNSUPPORTED));
        }
        String family = sa.remote().getAddress() instanceof Inet6Address ? "IPv6" : "IPv4";
        String local = address(sa.local().getAddress());
        String remote = address(sa.remote().getAddress());
        List<KeyTableEntry> rows = new ArrayList<>();
        rows.add(new KeyTableEntry.EspSa(family, remote, local, Integer.toUnsignedLong(sa.inboundSpi()), enc.get(),
                sa.inboundEncryptionKey(), auth.get(), orEmpty(sa.inboundIntegrityKey())));
        rows.add(new KeyTableEntry.EspSa(family, local, remote, Integer.toUnsignedLong(sa.outboundSpi()), enc.get(),
                sa.outboundEncryptionKey(), auth.get(), orEmpty(sa.outboundIntegrityKey())));
        for (KeyTableEntry r : rows) {
            append(r);
        }
        return new Written(List.of(what), List.of());
    }

    private static Secret orEmpty(Secret s) {
        return s == null ? Secret.wrap(new byte[0]) : s;
    }

    /** Wireshark's esp_sa takes "*" for any address: a wildcard bind does not know its own. */
    private static String address(InetAddress a) {
        return a.isAnyLocalAddress() ? "*" : a.getHostAddress();
    }

    private void append(KeyTableEntry row) throws IOException {
        Path file = directory.resolve(row.table());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException exists) {
                // appended to
            }
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            w.write(WiresharkKeyTables.format(row));
            w.write('\n');
        }
    }
}
