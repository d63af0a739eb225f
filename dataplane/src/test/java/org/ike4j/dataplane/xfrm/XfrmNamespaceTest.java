package org.ike4j.dataplane.xfrm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.ike4j.config.TrafficSelector;
import org.ike4j.crypto.Secret;
import org.ike4j.dataplane.netlink.Errno;
import org.ike4j.dataplane.netlink.NetlinkException;
import org.ike4j.testkit.NetNamespace;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * XFRM against the running kernel, in a network namespace of its own: the socket is opened inside
 * it ({@link Xfrm#openIn}, setns on a short-lived thread), and {@code ip -n NS xfrm} checks what
 * the kernel holds.
 */
class XfrmNamespaceTest {
    private NetNamespace ns;
    private Xfrm xfrm;

    @BeforeEach
    void setUp() {
        Prerequisites.require(Requirement.ROOT, Requirement.IPROUTE2);
        ns = NetNamespace.create("xfrm");
        xfrm = Xfrm.openIn(ns.path());
    }

    @AfterEach
    void tearDown() {
        if (xfrm != null) {
            xfrm.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private String ipXfrmPolicy() {
        return ns.ip("xfrm", "policy").stdout();
    }

    @Test
    void policiesInstallListAndDeleteLeavingNothing() throws Exception {
        TrafficSelector local = TrafficSelector.subnet(ip("10.1.0.0"), 24);
        TrafficSelector remote = TrafficSelector.subnet(ip("10.2.0.0"), 16, 6, 443, 443);
        XfrmSelector out = XfrmSelector.of(local, remote);
        XfrmSelector in = XfrmSelector.of(remote, local);
        XfrmPolicy outPolicy = XfrmPolicy.tunnel(out, XfrmPolicy.Direction.OUT, ip("192.0.2.1"), ip("192.0.2.2"), 7);
        XfrmPolicy inPolicy = XfrmPolicy.tunnel(in, XfrmPolicy.Direction.IN, ip("192.0.2.2"), ip("192.0.2.1"), 7);
        XfrmPolicy fwdPolicy = XfrmPolicy.tunnel(in, XfrmPolicy.Direction.FWD, ip("192.0.2.2"), ip("192.0.2.1"), 7);
        xfrm.addPolicy(outPolicy);
        xfrm.addPolicy(inPolicy);
        xfrm.addPolicy(fwdPolicy);

        String listed = ipXfrmPolicy();
        assertTrue(listed.contains("src 10.1.0.0/24 dst 10.2.0.0/16 proto tcp dport 443"), listed);
        assertTrue(listed.contains("dir out priority " + out.priority()), listed);
        assertTrue(listed.contains("src 10.2.0.0/16 dst 10.1.0.0/24 proto tcp sport 443"), listed);
        assertTrue(listed.contains("dir in priority " + in.priority()), listed);
        assertTrue(listed.contains("dir fwd priority " + in.priority()), listed);
        assertTrue(listed.contains("tmpl src 192.0.2.1 dst 192.0.2.2"), listed);
        assertTrue(listed.contains("proto esp reqid 7 mode tunnel"), listed);

        // the dump through our parser gives back what we installed
        List<XfrmPolicy> dumped = xfrm.policies();
        assertEquals(3, dumped.size(), dumped.toString());
        assertTrue(dumped.contains(outPolicy), dumped.toString());
        assertTrue(dumped.contains(inPolicy), dumped.toString());
        assertTrue(dumped.contains(fwdPolicy), dumped.toString());

        // the same policy twice: the kernel says EEXIST, and the error names the request
        NetlinkException twice = assertThrows(NetlinkException.class, () -> xfrm.addPolicy(outPolicy));
        assertEquals(Errno.EEXIST, twice.errno());
        assertTrue(twice.getMessage().startsWith("XFRM_MSG_NEWPOLICY out 10.1.0.0/24 -> 10.2.0.0/16"), twice.getMessage());
        assertTrue(twice.getMessage().contains("EEXIST"), twice.getMessage());

        xfrm.deletePolicy(out, XfrmPolicy.Direction.OUT);
        xfrm.deletePolicy(in, XfrmPolicy.Direction.IN);
        xfrm.deletePolicy(in, XfrmPolicy.Direction.FWD);
        assertEquals("", ipXfrmPolicy().strip());
        assertTrue(xfrm.policies().isEmpty());

        NetlinkException gone = assertThrows(NetlinkException.class, () -> xfrm.deletePolicy(out, XfrmPolicy.Direction.OUT));
        assertEquals(Errno.ENOENT, gone.errno(), gone.getMessage());
    }

    @Test
    void policyAddedByIproute2DecodesThroughTheDump() throws Exception {
        ns.ip("xfrm", "policy", "add", "src", "2001:db8:2::/48", "dst", "2001:db8:1::/48", "dir", "in", "priority", "2000",
                "tmpl", "src", "2001:db8::2", "dst", "2001:db8::1", "proto", "esp", "reqid", "9", "mode", "tunnel");
        List<XfrmPolicy> dumped = xfrm.policies();
        assertEquals(List.of(new XfrmPolicy(XfrmSelector.of(ip("2001:db8:2::"), 48, ip("2001:db8:1::"), 48),
                XfrmPolicy.Direction.IN, 2000,
                List.of(new XfrmPolicy.Template(ip("2001:db8::2"), ip("2001:db8::1"), 50, 9, true)))), dumped);
        xfrm.deletePolicy(dumped.getFirst().selector(), XfrmPolicy.Direction.IN);
        assertEquals("", ipXfrmPolicy().strip());
    }

    /**
     * Here the kernel has XFRM but no esp4: the refusal names the missing support. On a kernel with
     * ESP the SA installs, its counters read back, and it is removed.
     */
    @Test
    void espSaInstallsOrIsRefusedWithTheMissingSupportNamed() throws Exception {
        XfrmState sa = new XfrmState(ip("192.0.2.1"), ip("192.0.2.2"), 0xc786011d, 50, true, 7, Optional.empty(),
                new XfrmState.Lifetime(0, 0, 0, 0, 3000, 3600), 64, false,
                Optional.of(new XfrmState.Algorithm("cbc(aes)", Secret.wrap(HexFormat.of().parseHex("00112233445566778899aabbccddeeff")), 0)),
                Optional.of(new XfrmState.Algorithm("hmac(sha1)",
                        Secret.wrap(HexFormat.of().parseHex("0011223344556677889900112233445566778899")), 96)),
                Optional.empty(), Optional.of(new XfrmState.Encapsulation(4500, 4500)));
        boolean kernelHasEsp = java.nio.file.Files.exists(Path.of("/proc/net/xfrm_stat"))
                && !zconfig().contains("# CONFIG_INET_ESP is not set");
        if (!kernelHasEsp) {
            KernelSupportException e = assertThrows(KernelSupportException.class, () -> xfrm.addState(sa));
            assertEquals(Errno.EPROTONOSUPPORT, e.errno());
            assertEquals("CONFIG_INET_ESP", e.missing());
            assertTrue(e.getMessage().startsWith("kernel refused the ESP SA esp spi 0xc786011d 192.0.2.1 -> 192.0.2.2: "
                    + "protocol not supported - the kernel has no esp4 module (CONFIG_INET_ESP); use --dataplane userspace"),
                    e.getMessage());
            assertEquals("", ns.ip("xfrm", "state").stdout().strip());
            assertTrue(xfrm.states().isEmpty());
        } else {
            xfrm.addState(sa);
            XfrmStateInfo info = xfrm.getState(ip("192.0.2.2"), 0xc786011d, 50).orElseThrow();
            assertEquals(7, info.reqid());
            assertEquals(0, info.packets());
            xfrm.deleteState(ip("192.0.2.2"), 0xc786011d, 50);
        }
        assertFalse(xfrm.getState(ip("192.0.2.2"), 0xc786011d, 50).isPresent());
    }

    /**
     * This kernel has no GCM in its crypto API either (CONFIG_CRYPTO_GCM): the kernel checks the
     * algorithm before the protocol, and the refusal names the algorithm.
     */
    @Test
    void gcmSaOnAKernelWithoutGcmNamesTheAlgorithm() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(zconfig().contains("# CONFIG_CRYPTO_GCM is not set"),
                "this kernel has GCM");
        XfrmState sa = new XfrmState(ip("2001:db8::2"), ip("2001:db8::1"), 0x5ef52687, 50, true, 7, Optional.empty(),
                XfrmState.Lifetime.NONE, 128, true, Optional.empty(), Optional.empty(),
                Optional.of(new XfrmState.Algorithm("rfc4106(gcm(aes))",
                        Secret.wrap(HexFormat.of().parseHex("00112233445566778899aabbccddeeff01020304")), 128)),
                Optional.empty());
        KernelSupportException e = assertThrows(KernelSupportException.class, () -> xfrm.addState(sa));
        assertEquals("crypto rfc4106(gcm(aes))", e.missing());
        assertTrue(e.getMessage().startsWith("kernel refused the ESP SA esp spi 0x5ef52687 2001:db8::2 -> 2001:db8::1:"
                + " the kernel's crypto API lacks an algorithm of this SA (rfc4106(gcm(aes)))"), e.getMessage());
        assertTrue(e.getMessage().contains("kernel says: Requested AEAD algorithm not found"), e.getMessage());
        assertTrue(xfrm.states().isEmpty());
    }

    private static String zconfig() {
        try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(Path.of("/proc/config.gz")))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
