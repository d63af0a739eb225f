package org.ike4j.config.strongswan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.Identity;
import org.ike4j.config.Problem;
import org.ike4j.config.Secrets;
import org.ike4j.crypto.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpsecSecretsTest {

    record Read(Secrets secrets, List<Problem> problems) {
    }

    static Read read(String text) {
        Diagnostics d = new Diagnostics();
        IpsecSecretsReader r = new IpsecSecretsReader(d);
        r.read("s", text, Path.of("."), 0);
        return new Read(r.secrets(), d.problems());
    }

    static Identity id(String s) throws Exception {
        return new Identity.IpAddress(InetAddress.getByName(s));
    }

    static String psk(Secrets s, Identity a, Identity b) {
        Optional<Secret> k = s.psk("c", a, b);
        return k.map(x -> new String(x.reveal(), StandardCharsets.UTF_8)).orElse(null);
    }

    @Test
    void notations() throws Exception {
        Read r = read("""
                # comment
                10.0.0.1 10.0.0.2 : PSK "quoted \\"one\\""
                10.0.0.1 10.0.0.3 : PSK 0x6a756e69706572
                10.0.0.1 10.0.0.4 : PSK 0sanVuaXBlcjEyMw==
                10.0.0.1 10.0.0.5 : PSK 'single'
                10.0.0.1 10.0.0.6 :
                    PSK "continued"
                """);
        assertEquals(List.of(), r.problems());
        assertEquals("quoted \"one\"", psk(r.secrets(), id("10.0.0.1"), id("10.0.0.2")));
        assertEquals("juniper", psk(r.secrets(), id("10.0.0.1"), id("10.0.0.3")));
        assertEquals("juniper123", psk(r.secrets(), id("10.0.0.1"), id("10.0.0.4")));
        assertEquals("single", psk(r.secrets(), id("10.0.0.1"), id("10.0.0.5")));
        assertEquals("continued", psk(r.secrets(), id("10.0.0.6"), id("10.0.0.1")));
    }

    @Test
    void selectorSemantics() throws Exception {
        Read r = read("""
                : PSK "fallback"
                %any 10.0.0.9 : PSK "wild"
                @gw.example.com : PSK "onesided"
                10.0.0.1 10.0.0.2 : PSK "exact"
                """);
        assertEquals("exact", psk(r.secrets(), id("10.0.0.1"), id("10.0.0.2")));
        assertEquals("exact", psk(r.secrets(), id("10.0.0.2"), id("10.0.0.1"))); // both sides listed
        assertEquals("wild", psk(r.secrets(), id("10.0.0.5"), id("10.0.0.9")));
        assertEquals("onesided", psk(r.secrets(), new Identity.Fqdn("GW.example.com"), id("10.0.0.7")));
        assertEquals("onesided", psk(r.secrets(), id("10.0.0.7"), new Identity.Fqdn("gw.example.com")));
        assertEquals("fallback", psk(r.secrets(), id("10.0.0.7"), id("10.0.0.8")));
        assertEquals("fallback", psk(r.secrets(), id("10.0.0.1"), id("10.0.0.3"))); // only one side matches "exact"
    }

    @Test
    void errorsAndNotes() {
        Read r = read("""
                10.0.0.1 : PSK "ok"
                10.0.0.1 10.0.0.2 PSK "no colon"
                10.0.0.1 : PSK 0xZZ
                10.0.0.1 : PSK 0s!!!
                10.0.0.1 : PSK bare
                10.0.0.1 : FOO "x"
                : RSA /etc/ipsec.d/private/key.pem
                10.0.0.1 : PSK "unterminated
                10.0.0.1 : PSK "a" "b"
                """);
        List<String> got = r.problems().stream().map(Problem::toString).toList();
        assertEquals(List.of(
                "s:2:1: error: expected ':' between the selectors and the secret type",
                "s:3:16: error: malformed hex secret (its value is not shown)",
                "s:4:16: error: malformed base64 secret (its value is not shown)",
                "s:5:16: error: expected a quoted string, 0x... hex or 0s... base64 as the secret",
                "s:6:12: error: expected one of PSK, RSA, ECDSA, EAP, XAUTH, P12, PIN after ':', found 'FOO'",
                "s:7:3: note: RSA secrets are not supported yet; entry skipped",
                "s:8:16: error: unterminated quoted string",
                "s:9:20: error: unexpected text after the PSK value"), got);
        assertEquals(1, r.secrets().sharedKeys().size());
        assertFalse(got.toString().contains("ZZ") || got.toString().contains("bare"));
    }

    @Test
    void include(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("d"));
        Files.writeString(dir.resolve("ipsec.secrets"), "include d/*.secrets\n1.1.1.1 : PSK \"top\"\n");
        Files.writeString(dir.resolve("d/a.secrets"), "2.2.2.2 : PSK \"inc\"\n");
        Diagnostics d = new Diagnostics();
        IpsecSecretsReader r = new IpsecSecretsReader(d);
        r.readFile(dir.resolve("ipsec.secrets"), null, 0);
        assertEquals(List.of(), d.problems());
        assertEquals("inc", psk(r.secrets(), id("2.2.2.2"), id("9.9.9.9")));
        assertEquals("top", psk(r.secrets(), id("1.1.1.1"), id("9.9.9.9")));
        assertTrue(r.locations().getFirst().file().endsWith("a.secrets"));
    }

    @Test
    void ipv6Selectors() throws Exception {
        Read r = read("fe80::1 ::1 : PSK \"v6\"\n");
        assertEquals(List.of(), r.problems());
        assertEquals("v6", psk(r.secrets(), id("fe80::1"), id("::1")));
    }
}
