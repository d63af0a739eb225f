package org.ike4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.Encryption;
import org.ike4j.config.IpsecMode;
import org.ike4j.config.TrafficSelector;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Secret;
import org.ike4j.daemon.log.DebugSpec;
import org.ike4j.daemon.log.Log;
import org.ike4j.dataplane.xfrm.KernelSupportException;
import org.ike4j.dataplane.xfrm.Xfrm;
import org.ike4j.dataplane.xfrm.XfrmPolicy;
import org.ike4j.dataplane.xfrm.XfrmState;
import org.ike4j.engine.ChildSa;
import org.ike4j.testkit.NetNamespace;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.Test;

/**
 * The XFRM dataplane: what a ChildSa becomes in the kernel, and - on this kernel, which has XFRM
 * but no ESP - the refusal, the fallback, and nothing left behind, in a namespace of its own.
 */
class XfrmDataplaneTest {
    private static final byte[] KEY16 = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final byte[] KEY20 = HexFormat.of().parseHex("0011223344556677889900112233445566778899");
    private static final byte[] KEY20B = HexFormat.of().parseHex("99887766554433221100ffeeddccbbaa99887766");

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    private Log log() throws Exception {
        return new Log(DebugSpec.DEFAULT, new PrintStream(logged, true, StandardCharsets.UTF_8), null, Instant::now);
    }

    private String logText() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    /** aes128-sha1 as in the seed, between 10.1.0.0/24 and 10.2.0.0/24, over UDP 4500. */
    static ChildSa aes128Sha1() throws Exception {
        return new ChildSa("srx-13", 3, ChildProposal.Protocol.ESP, IpsecMode.TUNNEL, true,
                new InetSocketAddress("192.0.2.1", 4500), new InetSocketAddress("192.0.2.2", 4500), 0xc786011d, 0x5ef52687,
                Optional.of(Encryption.of(CipherAlgorithm.AES_CBC_128)), Optional.of(IntegrityAlgorithm.HMAC_SHA1_96), false,
                Secret.copyOf(KEY16), Secret.copyOf(KEY20), Secret.copyOf(KEY16), Secret.copyOf(KEY20B),
                List.of(TrafficSelector.subnet(InetAddress.getByName("10.1.0.0"), 24)),
                List.of(TrafficSelector.subnet(InetAddress.getByName("10.2.0.0"), 24)), 2700, 3600, 0, 0, 64);
    }

    @Test
    void childSaBecomesTwoStatesAndThreePoliciesPerSelectorPair() throws Exception {
        ChildSa sa = aes128Sha1();
        XfrmState in = XfrmDataplane.state(sa, true);
        XfrmState out = XfrmDataplane.state(sa, false);
        assertEquals(0xc786011d, in.spi());
        assertEquals(InetAddress.getByName("192.0.2.2"), in.source());
        assertEquals(InetAddress.getByName("192.0.2.1"), in.destination());
        assertEquals(0x5ef52687, out.spi());
        assertEquals("cbc(aes)", in.encryption().orElseThrow().name());
        assertEquals("hmac(sha1)", in.integrity().orElseThrow().name());
        assertEquals(96, in.integrity().orElseThrow().lengthBits());
        assertTrue(in.integrity().orElseThrow().key().sameAs(KEY20));
        assertTrue(out.integrity().orElseThrow().key().sameAs(KEY20B));
        assertEquals(new XfrmState.Encapsulation(4500, 4500), in.encapsulation().orElseThrow());
        assertEquals(3600, in.lifetime().hardSeconds());

        List<XfrmPolicy> policies = XfrmDataplane.policies(sa);
        assertEquals(List.of(XfrmPolicy.Direction.OUT, XfrmPolicy.Direction.IN, XfrmPolicy.Direction.FWD),
                policies.stream().map(XfrmPolicy::direction).toList());
        XfrmPolicy o = policies.getFirst();
        assertEquals(InetAddress.getByName("10.1.0.0"), o.selector().source());
        assertEquals(InetAddress.getByName("10.2.0.0"), o.selector().destination());
        assertEquals(List.of(new XfrmPolicy.Template(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("192.0.2.2"),
                50, 3, true)), o.templates());
        assertEquals(InetAddress.getByName("10.2.0.0"), policies.get(1).selector().source());
        assertEquals(InetAddress.getByName("192.0.2.2"), policies.get(1).templates().getFirst().source());
    }

    @Test
    void gcmGoesAsAnAeadWithItsSaltInTheKey() throws Exception {
        ChildSa base = aes128Sha1();
        byte[] keyAndSalt = HexFormat.of().parseHex("00112233445566778899aabbccddeeff01020304");
        ChildSa gcm = new ChildSa(base.connection(), base.reqid(), base.protocol(), base.mode(), false, base.local(),
                base.remote(), base.inboundSpi(), base.outboundSpi(), Optional.of(Encryption.of(AeadAlgorithm.AES_GCM_16_128)),
                Optional.empty(), true, Secret.copyOf(keyAndSalt), Secret.copyOf(new byte[0]), Secret.copyOf(keyAndSalt),
                Secret.copyOf(new byte[0]), base.localSelectors(), base.remoteSelectors(), 0, 0, 0, 0, 1024);
        XfrmState s = XfrmDataplane.state(gcm, false);
        assertEquals("rfc4106(gcm(aes))", s.aead().orElseThrow().name());
        assertEquals(128, s.aead().orElseThrow().lengthBits());
        assertEquals(20, s.aead().orElseThrow().key().length());
        assertTrue(s.encryption().isEmpty() && s.integrity().isEmpty() && s.encapsulation().isEmpty());
        assertTrue(s.esn());
        assertEquals(1024, s.replayWindow());
    }

    private static boolean kernelHasEsp() {
        try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(Path.of("/proc/config.gz")))) {
            return !new String(in.readAllBytes(), StandardCharsets.US_ASCII).contains("# CONFIG_INET_ESP is not set");
        } catch (java.io.IOException e) {
            return true;
        }
    }

    @Test
    void refusedSaFallsBackToTheUserspaceDataplaneAndLeavesNothingInTheKernel() throws Exception {
        Prerequisites.require(Requirement.ROOT, Requirement.IPROUTE2);
        org.junit.jupiter.api.Assumptions.assumeFalse(kernelHasEsp(), "this kernel has ESP: no refusal to test");
        ChildSa sa = aes128Sha1();
        try (NetNamespace ns = NetNamespace.create("xfrm-dp")) {
            Log log = log();
            TableDataplane[] fallback = new TableDataplane[1];
            XfrmDataplane d = XfrmDataplane.open(log, () -> fallback[0] = new TableDataplane(log),
                    Xfrm.openIn(ns.path()));
            try {
                assertEquals("xfrm", d.name());
                d.install(sa);
                assertEquals("none", d.name());
                assertTrue(d.fallenBackTo().isPresent());
                assertEquals(List.of(sa), fallback[0].installed());
                assertEquals(List.of(sa), d.installed());
                assertTrue(logText().contains("kernel refused the ESP SA esp spi 0xc786011d 192.0.2.2 -> 192.0.2.1: protocol"
                        + " not supported - the kernel has no esp4 module (CONFIG_INET_ESP); use --dataplane userspace"),
                        logText());
                assertTrue(logText().contains("falling back to the none dataplane"), logText());
                assertEquals("", ns.ip("xfrm", "state").stdout().strip());
                assertEquals("", ns.ip("xfrm", "policy").stdout().strip());

                d.delete(sa, "test");
                assertTrue(fallback[0].installed().isEmpty());
            } finally {
                d.close();
            }
        }
    }

    @Test
    void refusedSaWithoutFallbackFailsNamingTheMissingSupport() throws Exception {
        Prerequisites.require(Requirement.ROOT, Requirement.IPROUTE2);
        org.junit.jupiter.api.Assumptions.assumeFalse(kernelHasEsp(), "this kernel has ESP: no refusal to test");
        try (NetNamespace ns = NetNamespace.create("xfrm-dp")) {
            XfrmDataplane d = XfrmDataplane.open(log(), null, Xfrm.openIn(ns.path()));
            try {
                KernelSupportException e = assertThrows(KernelSupportException.class, () -> d.install(aes128Sha1()));
                assertEquals("CONFIG_INET_ESP", e.missing());
                assertTrue(d.installed().isEmpty());
                assertFalse(d.fallenBackTo().isPresent());
                assertEquals("", ns.ip("xfrm", "state").stdout().strip());
                assertEquals("", ns.ip("xfrm", "policy").stdout().strip());
            } finally {
                d.close();
            }
        }
    }
}
