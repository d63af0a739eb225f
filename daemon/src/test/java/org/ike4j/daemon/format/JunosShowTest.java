package org.ike4j.daemon.format;

import static org.ike4j.daemon.format.SeedSnapshots.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JunosShowTest {

    @Test
    void seedIkeDetailWordForWord() throws Exception {
        String out = JunosShow.ike(SeedSnapshots.srx(), true);
        assertEquals(words(SeedSnapshots.resource("srx-show-ike-detail.txt")), words(out), out);
    }

    @Test
    void seedIpsecDetailWithoutCountersIke4jDoesNotKeep() throws Exception {
        // ike4j prints no DF-bit, bind interface, negotiation/failure counters, flags or last
        // tunnel-down reason (the snapshot has none of them); the rest must match the SRX word for word.
        String seed = SeedSnapshots.resource("srx-show-ipsec-detail.txt")
                .replace(" DF-bit: clear Bind-interface: st0.80", "")
                .replace(", Nego#: 5, Fail#: 0, Def-Del#: 0 Flag: 0x600a29 Last Tunnel Down Reason: Delete payload received", "");
        String out = JunosShow.ipsec(SeedSnapshots.srx(), true);
        assertEquals(words(seed), words(out), out);
    }

    @Test
    void ikeBrief() {
        List<String> lines = JunosShow.ike(SeedSnapshots.srx(), false).lines().toList();
        assertEquals(2, lines.size());
        assertEquals(List.of("Index", "State", "Initiator", "cookie", "Responder", "cookie", "Mode", "Remote", "Address"),
                words(lines.get(0)));
        assertEquals(List.of("2719962", "UP", "a305bbc510fd3640", "d16dd2ce1e0390ec", "Main", "10.80.80.80"),
                words(lines.get(1)));
    }

    @Test
    void ipsecBrief() {
        List<String> lines = JunosShow.ipsec(SeedSnapshots.srx(), false).lines().toList();
        assertEquals("  Total active tunnels: 1", lines.get(0));
        assertEquals(List.of("<131073", "ESP:aes-cbc-128/sha1", "5ef52687", "1175/", "unlim", "-", "root", "500",
                "10.80.80.80"), words(lines.get(2)));
        assertEquals(List.of(">131073", "ESP:aes-cbc-128/sha1", "c786011d", "1175/", "unlim", "-", "root", "500",
                "10.80.80.80"), words(lines.get(3)));
    }

    @Test
    void names() {
        assertEquals("aes-256-cbc", JunosNames.ikeEncryption("AES_CBC_256"));
        assertEquals("3des-cbc", JunosNames.ikeEncryption("3DES_CBC"));
        assertEquals("aes-gcm-16 (256 bits)", JunosNames.ipsecEncryption("AES_GCM_16_256"));
        assertEquals("hmac-sha256-128", JunosNames.integrity("HMAC_SHA2_256_128"));
        assertEquals("sha256", JunosNames.shortIntegrity("HMAC_SHA2_256_128"));
        assertEquals("DH-group-14", JunosNames.dhGroup("MODP_2048"));
        assertEquals("DH-group-19", JunosNames.dhGroup("ECP_256"));
        assertEquals("DH-group-5", JunosNames.dhGroup("group5"));
        assertEquals("RSA-signatures", JunosNames.authentication("rsa-signatures"));
        assertEquals("ipv4(any:0,[0..3]=10.1.1.1)", JunosNames.identity("10.1.1.1/32"));
        assertEquals("ipv4_subnet(tcp:80,[0..7]=10.1.0.0/16)", JunosNames.identity("10.1.0.0/16[6/80]"));
        assertEquals("ipv4_range(any:0,[0..7]=10.0.0.1-10.0.0.9)", JunosNames.identity("10.0.0.1-10.0.0.9"));
        assertEquals("ipv6_subnet(any:0,[0..31]=2001:db8::/32)", JunosNames.identity("2001:db8::/32"));
    }

    @Test
    void emptySnapshots() {
        org.ike4j.engine.Snapshot empty = new org.ike4j.engine.Snapshot(0, List.of(), List.of(), List.of());
        assertEquals("", JunosShow.ike(empty, true));
        assertEquals("", JunosShow.ipsec(empty, true));
        assertTrue(JunosShow.ipsec(empty, false).startsWith("  Total active tunnels: 0\n"));
    }
}
