package org.ike4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.Encryption;
import org.ike4j.config.IpsecMode;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Secret;
import org.ike4j.engine.Action;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Input;
import org.ike4j.engine.KeyLogEntry;
import org.ike4j.engine.Operator;
import org.ike4j.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's side of key logging: what it tells the engine, the banner, the tables it appends
 * to from LogKeys and InstallChildSa, and that it wipes the keys an engine handed over.
 */
class DaemonKeyLogTest {
    @TempDir
    Path dir;

    static Secret key(int n, int fill) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) fill);
        return Secret.wrap(b);
    }

    /** The lines of a file the daemon may still be writing (0 before it exists). */
    private static int rows(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    static ChildSa child() {
        InetAddress lo = InetAddress.getLoopbackAddress();
        return new ChildSa("srx-13", 1, ChildProposal.Protocol.ESP, IpsecMode.TUNNEL, false,
                new InetSocketAddress(lo, 500), new InetSocketAddress(lo, 501), 0x5ef52687, 0xc786011d,
                Optional.of(Encryption.of(CipherAlgorithm.AES_CBC_128)), Optional.of(IntegrityAlgorithm.HMAC_SHA1_96),
                false, key(16, 1), key(20, 2), key(16, 3), key(20, 4), List.of(), List.of(), 900, 1200, 0, 0, 64);
    }

    /** An engine that, on "up", hands over an ISAKMP SA's key and installs an IPsec SA pair. */
    static List<Action> script(Input in, KeyLogEntry entry) {
        if (in instanceof Input.Command(Operator.Up u)) {
            return List.of(new Action.LogKeys(entry), new Action.InstallChildSa(child()));
        }
        return List.of();
    }

    @Test
    void withKeylogTheRowsAreAppendedAndTheHandedOverKeyIsWiped() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        var entry = new KeyLogEntry.Ikev1IsakmpSa(Bytes.fromHex("a305bbc510fd3640"), Bytes.fromHex("d16dd2ce1e0390ec"),
                CipherAlgorithm.DES3_CBC, key(24, 7));
        try (DaemonFixture f = new DaemonFixture(dir)) {
            f.start(f.options().withKeyLog(keys).withPcap(dir.resolve("d.pcap")), in -> script(in, entry));
            f.daemon.execute(() -> f.daemon.input(new Input.Command(new Operator.Up("srx-13"))));
            // both esp_sa rows, not just the file: the daemon creates it before it appends them
            DaemonFixture.await("the key log", () -> rows(keys.resolve("esp_sa")) >= 2
                    && entry.encryptionKey().isDestroyed());
            assertEquals(List.of("a305bbc510fd3640," + "07".repeat(24)), Files.readAllLines(keys.resolve("ikev1_decryption_table")));
            assertEquals(2, Files.readAllLines(keys.resolve("esp_sa")).size());
            assertTrue(f.log().contains("KEY LOGGING IS ON"), f.log());
            assertTrue(f.log().contains("key log: ikev1_decryption_table row for initiator cookie a305bbc510fd3640"), f.log());
            assertFalse(f.log().contains("07".repeat(8)), "no key in the daemon's own lines");
            assertTrue(Files.exists(dir.resolve("d.pcap")));
        }
    }

    @Test
    void withoutKeylogNothingIsWrittenAndTheKeyIsStillWiped() throws Exception {
        var entry = new KeyLogEntry.Ikev1IsakmpSa(Bytes.fromHex("a305bbc510fd3640"), Bytes.fromHex("d16dd2ce1e0390ec"),
                CipherAlgorithm.DES3_CBC, key(24, 7));
        try (DaemonFixture f = new DaemonFixture(dir)) {
            f.start(in -> script(in, entry));
            f.daemon.execute(() -> f.daemon.input(new Input.Command(new Operator.Up("srx-13"))));
            DaemonFixture.await("the key wiped", () -> entry.encryptionKey().isDestroyed());
            assertFalse(f.log().contains("KEY LOGGING"), f.log());
            try (var files = Files.list(dir)) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("_")), "no table files");
            }
        }
    }

    @Test
    void theEngineIsToldToLogKeysWithKeylogOrLogKeysOnly() throws Exception {
        for (int variant = 0; variant < 3; variant++) {
            Path sub = Files.createDirectories(dir.resolve("v" + variant));
            try (DaemonFixture f = new DaemonFixture(sub)) {
                DaemonOptions o = switch (variant) {
                    case 0 -> f.options();
                    case 1 -> f.options().withLogKeys(true);
                    default -> f.options().withKeyLog(sub);
                };
                boolean[] told = {false};
                org.ike4j.daemon.log.Log log = org.ike4j.daemon.log.Log.stderr(org.ike4j.daemon.log.DebugSpec.DEFAULT);
                Daemon d = Daemon.start(o, ctx -> {
                    told[0] = ctx.keyLogging();
                    return new ScriptedEngine(ctx.clock(), in -> List.of());
                }, TableDataplane::new, log, f.clock);
                try {
                    assertEquals(variant != 0, told[0], "variant " + variant);
                    assertEquals(variant != 0, o.keyLogging());
                } finally {
                    d.stop();
                    d.awaitTermination(DaemonFixture.WAIT);
                }
            }
        }
    }
}
