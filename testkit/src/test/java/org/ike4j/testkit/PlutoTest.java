package org.ike4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.Test;

/**
 * The kit's {@link Pluto}: two plutos at once, each in its own namespaces, negotiate IKEv1 Main
 * Mode with each other (the kernel then refuses their IPsec SA: no ESP); nothing of them shows on
 * the host, and closing leaves nothing behind.
 */
@Interop(needs = {Requirement.ROOT, Requirement.IPROUTE2, Requirement.UNSHARE, Requirement.LIBRESWAN})
class PlutoTest {

    private static String conn(String left, String right) {
        return "ikev2=no\nauthby=secret\nleft=" + left + "\nright=" + right
                + "\nike=aes128-sha1-modp2048\nesp=aes128-sha1\nauto=add\n";
    }

    @Test
    void twoPlutosNegotiateMainModeAndLeaveNothingBehind() {
        boolean hostRunPluto = Files.exists(Path.of("/run/pluto"));
        boolean hostLibexec = Files.exists(Path.of(Pluto.LIBEXEC));
        long leftPid;
        long rightPid;
        Path leftDir;
        try (TestNetwork network = new TestNetwork()) {
            NetNamespace a = network.namespace("pluto-a");
            NetNamespace b = network.namespace("pluto-b");
            network.connect(a, "192.0.2.1/24", b, "192.0.2.2/24");
            String secret = "192.0.2.1 192.0.2.2 : PSK \"kit-test-secret\"";
            try (Pluto left = Pluto.builder(a).conn("net", conn("192.0.2.1", "192.0.2.2")).secret(secret).start();
                    Pluto right = Pluto.builder(b).conn("net", conn("192.0.2.2", "192.0.2.1")).secret(secret).start()) {
                leftPid = left.pid();
                rightPid = right.pid();
                leftDir = left.directory();
                assertTrue(left.status().contains("\"net\": 192.0.2.1...192.0.2.2"), left.status());
                left.whack("--initiate", "--asynchronous", "--name", "net");
                String established = left.awaitLog("IKE SA established", Duration.ofSeconds(15));
                assertTrue(established.contains("cipher=AES_CBC_128 integ=HMAC_SHA1 group=MODP2048"), established);
                right.awaitLog("IKE SA established", Duration.ofSeconds(15));
                String refused = right.awaitLog("netlink response for Add SA", Duration.ofSeconds(15));
                assertTrue(refused.contains("Protocol not supported"), refused);
                assertTrue(left.isAlive() && right.isAlive());
                // each pluto's /run and /usr/libexec are its own
                assertEquals(hostRunPluto, Files.exists(Path.of("/run/pluto")));
                assertEquals(hostLibexec, Files.exists(Path.of(Pluto.LIBEXEC)));
                assertTrue(left.events().stream().noneMatch(l -> l.contains("FATAL")), String.join("\n", left.events()));
            }
        }
        for (long pid : List.of(leftPid, rightPid)) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pluto " + pid + " still runs");
        }
        assertFalse(Files.exists(leftDir), leftDir + " left behind");
    }
}
