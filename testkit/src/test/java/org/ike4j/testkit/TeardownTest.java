package org.ike4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing the kit's resources leaves no namespace, process, TUN device or temp dir behind. */
@Interop(strongSwan = true, needs = Requirement.TSHARK)
class TeardownTest {

    @Test
    void closingLeavesNothingBehind(@TempDir Path dir) {
        List<String> hostLinksBefore = hostLinks();
        List<String> namespaces = new ArrayList<>();
        List<Long> pids = new ArrayList<>();
        List<Path> directories = new ArrayList<>();
        try (CharonPair pair = new CharonPair()) {
            pair.start(CharonPair.config(true, "v2", 2, "aes128-sha256-x25519", "net", "aes128-sha256-x25519"),
                    CharonPair.config(false, "v2", 2, "aes128-sha256-x25519", "net", "aes128-sha256-x25519"));
            try (Capture capture = Capture.start(pair.left, pair.wire.aInterface(), dir.resolve("t.pcapng"),
                    Capture.IKE_AND_ESP)) {
                pair.leftCharon.swanctl().initiate("net", "v2", Duration.ofSeconds(15));
                pair.rightCharon.swanctl().awaitChildSaInstalled("net", Duration.ofSeconds(15));
                pids.add(capture.pid());
                pids.add(pair.leftCharon.pid());
                pids.add(pair.rightCharon.pid());
                namespaces.add(pair.left.name());
                namespaces.add(pair.right.name());
                directories.add(pair.leftCharon.directory());
                directories.add(pair.rightCharon.directory());
                for (NetNamespace ns : List.of(pair.left, pair.right)) {
                    // kernel-libipsec's TUN device, inside the namespace only
                    assertTrue(ns.ip("link", "show", "ipsec0").ok());
                    assertTrue(ns.pids().size() >= 1, "charon runs inside " + ns);
                }
                assertEquals(List.of(), hostLinks().stream().filter(l -> !hostLinksBefore.contains(l)).toList(),
                        "no interface appears in the host's namespace");
                for (Long pid : pids) {
                    assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "running: " + pid);
                }
            }
        }

        for (Long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "still running: " + pid);
        }
        List<String> left = NetNamespace.existing(NetNamespace.PREFIX);
        for (String name : namespaces) {
            assertFalse(left.contains(name), "namespace left behind: " + name);
        }
        for (Path directory : directories) {
            assertFalse(Files.exists(directory), "temp dir left behind: " + directory);
        }
        assertEquals(List.of(), processesWithEnvironmentMentioning(directories), "processes of ours still running");
        assertEquals(hostLinksBefore, hostLinks(), "host interfaces unchanged (no TUN left)");
    }

    @Test
    void closingANetworkKillsWhatStillRunsInside() {
        long pid;
        List<Long> escaped;
        String name;
        try (TestNetwork network = new TestNetwork()) {
            NetNamespace ns = network.namespace("orphan");
            name = ns.name();
            // started but deliberately never stopped by the test
            BackgroundProcess sleeper = ns.start("sleep", Path.of("/dev/null"), Map.of(), List.of("sleep", "300"));
            pid = sleeper.pid();
            // and one the kit does not know: a daemon whose parent shell has exited
            ns.exec(Duration.ofSeconds(5), "sh", "-c", "sleep 301 </dev/null >/dev/null 2>&1 &").orThrow();
            escaped = ns.pids().stream().filter(p -> p != pid).toList();
            assertEquals(1, escaped.size(), "the daemonized sleep: " + ns.pids());
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "sleep survived");
        assertFalse(ProcessHandle.of(escaped.get(0)).map(ProcessHandle::isAlive).orElse(false),
                "daemonized sleep survived");
        assertFalse(NetNamespace.existing(NetNamespace.PREFIX).contains(name));
    }

    @Test
    void charonThatCannotStartFailsFastWithItsLogAndLeavesNothing() {
        try (TestNetwork network = new TestNetwork()) {
            NetNamespace ns = network.namespace("broken");
            // a plugin marked critical ("!") that does not exist: charon refuses to start
            TestKitException e = assertThrows(TestKitException.class,
                    () -> Charon.builder(ns).plugins("random nonce ike4j-no-such-plugin! vici").start());
            assertTrue(e.getMessage().contains("charon did not start"), e.getMessage());
            assertTrue(e.getMessage().contains("ike4j-no-such-plugin"), "the log says why: " + e.getMessage());
            assertEquals(List.of(), ns.pids());
        }
        assertEquals(List.of(), Cleanup.open());
    }

    /**
     * The host's interfaces of the kinds the kit could leak (kernel-libipsec's TUN {@code ipsec*},
     * veths); others are left out so that unrelated activity on the machine cannot fail the test.
     */
    private static List<String> hostLinks() {
        return Processes.run(List.of(NetNamespace.IP, "-o", "link", "show")).orThrow().stdout().lines()
                .map(line -> line.split(":")[1].trim())
                .filter(name -> name.startsWith("ipsec") || name.startsWith("veth"))
                .sorted()
                .toList();
    }

    /** Processes whose environment names one of our charon directories (STRONGSWAN_CONF). */
    private static List<String> processesWithEnvironmentMentioning(List<Path> directories) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            for (Path entry : proc.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String environ;
                try {
                    environ = new String(Files.readAllBytes(entry.resolve("environ")), StandardCharsets.UTF_8);
                } catch (IOException | SecurityException e) {
                    continue;   // exited meanwhile
                }
                for (Path directory : directories) {
                    if (environ.contains(directory.toString())) {
                        found.add(entry.getFileName() + " " + directory);
                    }
                }
            }
        } catch (IOException e) {
            throw new TestKitException("cannot list /proc", e);
        }
        return found;
    }
}
