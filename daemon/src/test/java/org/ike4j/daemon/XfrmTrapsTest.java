package org.ike4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ike4j.config.Configuration;
import org.ike4j.daemon.log.DebugSpec;
import org.ike4j.daemon.log.Log;
import org.ike4j.dataplane.xfrm.Xfrm;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Input;
import org.ike4j.testkit.NetNamespace;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On-demand tunnels through the kernel, in a namespace of its own: an {@code auto=route}
 * connection becomes one {@code out} trap policy at load; a UDP datagram into it comes back from
 * the kernel as an ACQUIRE and goes to the engine as {@link Input.Acquire} for that connection;
 * when the kernel refuses the SA (no ESP here) the fallback takes it and the trap and the larval
 * SA leave the kernel.
 */
class XfrmTrapsTest {
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    private Log log() throws Exception {
        return new Log(DebugSpec.DEFAULT, new PrintStream(logged, true, StandardCharsets.UTF_8), null, Instant::now);
    }

    private String logText() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    /** As XfrmDataplaneTest: the running kernel's configuration says whether esp4 exists. */
    private static boolean kernelHasEsp() {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(Path.of("/proc/config.gz")))) {
            return !new String(in.readAllBytes(), StandardCharsets.US_ASCII).contains("# CONFIG_INET_ESP is not set");
        } catch (java.io.IOException e) {
            return true;
        }
    }

    @Test
    void trafficIntoATrapBecomesAnAcquireAndTheFallbackClearsTheKernel(@TempDir Path dir) throws Exception {
        Prerequisites.require(Requirement.ROOT, Requirement.IPROUTE2);
        org.junit.jupiter.api.Assumptions.assumeFalse(kernelHasEsp(), "this kernel has ESP: no refusal");
        Path conf = Files.writeString(dir.resolve("ipsec.conf"), """
                conn srx-13
                \tkeyexchange=ikev1
                \tauthby=psk
                \tleft=192.0.2.1
                \tleftsubnet=10.1.0.0/24
                \tright=192.0.2.2
                \trightsubnet=10.2.0.0/24
                \tauto=route
                """);
        Configuration configuration = ConfigFiles.load(List.of(conf), Set.of());
        try (NetNamespace ns = NetNamespace.create("xfrm-trap")) {
            ns.trapHost();
            Path file = ns.path();
            LinkedBlockingQueue<Input> inputs = new LinkedBlockingQueue<>();
            TableDataplane[] fallback = new TableDataplane[1];
            Log log = log();
            XfrmDataplane d = XfrmDataplane.open(log, () -> fallback[0] = new TableDataplane(log), Xfrm.openIn(file), file);
            try {
                d.start(new Dataplane.Host() {
                    @Override
                    public boolean sendEsp(InetSocketAddress local, InetSocketAddress remote, ByteBuffer esp) {
                        return false;
                    }

                    @Override
                    public void input(Input input) {
                        inputs.add(input);
                    }
                });
                d.configured(configuration);
                assertEquals(List.of("srx-13"), d.trapped());
                String policies = ns.ip("xfrm", "policy").stdout();
                assertTrue(policies.contains("src 10.1.0.0/24 dst 10.2.0.0/24") && policies.contains("dir out")
                        && policies.contains("reqid " + XfrmTraps.FIRST_REQID), policies);
                assertEquals("", ns.ip("xfrm", "state").stdout().strip(), "a trap has no SA");

                ns.exec(Duration.ofSeconds(10), "bash", "-c", "echo x > /dev/udp/10.2.0.5/9 || true");
                Input input = inputs.poll(5, TimeUnit.SECONDS);
                assertNotNull(input, "no acquire within 5 s\n" + logText());
                assertEquals("srx-13", assertInstanceOf(Input.Acquire.class, input).connection());
                assertTrue(ns.ip("xfrm", "state").stdout().contains("spi 0x00000000"), "the kernel's larval SA");

                ChildSa sa = XfrmDataplaneTest.aes128Sha1();
                d.install(sa);
                assertEquals("none", d.name());
                assertEquals(List.of(sa), fallback[0].installed());
                assertEquals(List.of(), d.trapped());
                assertEquals("", ns.ip("xfrm", "policy").stdout().strip(), "no trap after the fallback");
                assertEquals("", ns.ip("xfrm", "state").stdout().strip(), "no larval SA after the fallback");
            } finally {
                d.close();
            }
            assertEquals("", ns.ip("xfrm", "policy").stdout().strip());
            assertEquals("", ns.ip("xfrm", "state").stdout().strip());
        }
    }

    /** An expire names an SA by the SPI of one direction; the engine knows the pair by its inbound SPI. */
    @Test
    void kernelExpiresOfOurSasBecomeEngineExpires() throws Exception {
        XfrmTraps traps = new XfrmTraps(log(), null);   // expires need no kernel
        ChildSa sa = XfrmDataplaneTest.aes128Sha1();   // inbound 0xc786011d, outbound 0x5ef52687
        traps.installed(sa);
        Input soft = traps.onEvent(expire(0x5ef52687, false, 900_000, 800));
        Input.Expire e = assertInstanceOf(Input.Expire.class, soft);
        assertEquals(0xc786011d, e.inboundSpi());
        assertFalse(e.hard());
        assertTrue(e.reason().contains("soft expire of SA esp.5ef52687: 900000 bytes, 800 packets"), e.reason());
        Input.Expire hard = assertInstanceOf(Input.Expire.class, traps.onEvent(expire(0xc786011d, true, 0, 0)));
        assertEquals(0xc786011d, hard.inboundSpi());
        assertTrue(hard.hard());
        // a larval SA's expire (spi 0), or an SA of someone else's, is not the engine's business
        assertNull(traps.onEvent(expire(0, true, 0, 0)));
        assertNull(traps.onEvent(expire(0x12345678, true, 0, 0)));
        traps.removed(sa, true);
        assertNull(traps.onEvent(expire(0xc786011d, true, 0, 0)), "gone with the SA");
    }

    private static org.ike4j.dataplane.xfrm.XfrmEvent.Expire expire(int spi, boolean hard, long bytes, long packets)
            throws Exception {
        return new org.ike4j.dataplane.xfrm.XfrmEvent.Expire(new org.ike4j.dataplane.xfrm.XfrmStateInfo(
                java.net.InetAddress.getByName("192.0.2.1"), java.net.InetAddress.getByName("192.0.2.2"), spi, 50, 3,
                true, bytes, packets, 0, 0, 0, 0, "cbc(aes)", "hmac(sha1)", ""), hard);
    }

    @Test
    void aConnectionNoLongerRoutedLosesItsTrapAndCloseRemovesTheRest(@TempDir Path dir) throws Exception {
        Prerequisites.require(Requirement.ROOT, Requirement.IPROUTE2);
        Path routed = Files.writeString(dir.resolve("routed.conf"), """
                conn a
                \tleft=192.0.2.1
                \tleftsubnet=10.1.0.0/24
                \tright=192.0.2.2
                \trightsubnet=10.2.0.0/24
                \tauto=route
                conn b
                \tleft=192.0.2.1
                \tleftsubnet=10.1.0.0/24
                \tright=192.0.2.3
                \trightsubnet=10.3.0.0/24
                \tauto=route
                """);
        Path fewer = Files.writeString(dir.resolve("fewer.conf"), Files.readString(routed).replace("conn b\n\tleft=192.0.2.1\n"
                + "\tleftsubnet=10.1.0.0/24\n\tright=192.0.2.3\n\trightsubnet=10.3.0.0/24\n\tauto=route\n", ""));
        try (NetNamespace ns = NetNamespace.create("xfrm-trap")) {
            Path file = ns.path();
            XfrmDataplane d = XfrmDataplane.open(log(), null, Xfrm.openIn(file), file);
            try {
                d.configured(ConfigFiles.load(List.of(routed), Set.of()));
                assertEquals(List.of("a", "b"), d.trapped(), logText());
                assertTrue(ns.ip("xfrm", "policy").stdout().contains("10.3.0.0/24"));
                d.configured(ConfigFiles.load(List.of(fewer), Set.of()));
                assertEquals(List.of("a"), d.trapped());
                String policies = ns.ip("xfrm", "policy").stdout();
                assertTrue(policies.contains("10.2.0.0/24") && !policies.contains("10.3.0.0/24"), policies);
            } finally {
                d.close();
            }
            assertEquals("", ns.ip("xfrm", "policy").stdout().strip(), "close removes every trap");
        }
    }
}
