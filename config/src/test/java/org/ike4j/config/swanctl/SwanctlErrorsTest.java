package org.ike4j.config.swanctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ike4j.config.Configuration;
import org.ike4j.config.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each class of error names file:line:column and what was expected; the connection it is in is
 * refused while the others load.
 */
class SwanctlErrorsTest {

    static final String GOOD = """
            connections {
                good {
                    remote_addrs = 192.0.2.2
                    children {
                        net {
                        }
                    }
                }
            """;

    static Configuration parse(String text) {
        return new SwanctlLoader().parse("swanctl.conf", text, null);
    }

    /** The one error that is not a "... refused" summary. */
    static Problem onlyError(Configuration c) {
        List<Problem> errors = c.errors().stream().filter(p -> !p.message().endsWith("refused")).toList();
        assertEquals(1, errors.size(), errors.toString());
        return errors.getFirst();
    }

    /** A connection "bad" with {@code body}, after the good one. */
    static Configuration withBad(String body) {
        return parse(GOOD + "    bad {\n" + body + "    }\n}\n");
    }

    static void refusedWhileGoodLoads(Configuration c) {
        assertTrue(c.connection("good").isPresent(), c.problems().toString());
        assertFalse(c.connection("bad").isPresent());
        assertTrue(c.errors().stream().anyMatch(p -> p.message().equals("connection bad refused")), c.errors().toString());
    }

    @Test
    void neitherEqualsNorBrace() {
        Configuration c = withBad("        remote_addrs 192.0.2.3\n        children {\n            x {\n            }\n        }\n");
        Problem p = onlyError(c);
        assertEquals("swanctl.conf:10:22", p.location().toString());
        assertEquals("expected '=' or '{' after 'remote_addrs', found '1'", p.message());
        refusedWhileGoodLoads(c);
    }

    @Test
    void unclosedSection() {
        Configuration c = parse(GOOD + "    bad {\n        children {\n            x {\n        }\n    }\n");
        Problem p = onlyError(c);
        assertEquals("swanctl.conf:9:5", p.location().toString());
        assertEquals("section 'bad' is not closed: expected '}' before the end of swanctl.conf", p.message());
        refusedWhileGoodLoads(c);
    }

    @Test
    void braceWithNothingOpen() {
        Configuration c = parse(GOOD + "}\n}\n");
        Problem p = onlyError(c);
        assertEquals("swanctl.conf:10:1", p.location().toString());
        assertEquals("unexpected '}': no section is open here", p.message());
        assertTrue(c.connection("good").isPresent());
    }

    @Test
    void unterminatedQuote() {
        Configuration c = withBad("        remote_addrs = \"192.0.2.3\n        children {\n            x {\n            }\n        }\n");
        Problem p = onlyError(c);
        assertEquals("swanctl.conf:10:24", p.location().toString());
        assertEquals("unterminated quoted value: expected a closing '\"'", p.message());
        refusedWhileGoodLoads(c);
    }

    @Test
    void textAfterQuotedValue() {
        Configuration c = withBad("        remote_addrs = \"192.0.2.3\" x\n        children {\n            x {\n            }\n        }\n");
        Problem p = onlyError(c);
        assertEquals("swanctl.conf:10:36", p.location().toString());
        assertEquals("expected the end of the line after the quoted value of 'remote_addrs', found 'x'", p.message());
        refusedWhileGoodLoads(c);
    }

    @Test
    void dotInAName() {
        Configuration c = withBad("        children.x {\n        }\n");
        Problem p = c.errors().getFirst();
        assertEquals("swanctl.conf:10:17", p.location().toString());
        assertEquals("expected '=' or '{' after 'children', found '.'", p.message());
        refusedWhileGoodLoads(c);
    }

    @Test
    void missingInclude(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("swanctl.conf"), "connections {\n    include conns/missing.conf\n}\n");
        Configuration c = new SwanctlLoader().load(f);
        Problem p = onlyError(c);
        assertEquals(f + ":2:13", p.location().toString());
        assertEquals("included file 'conns/missing.conf' not found", p.message());
    }

    @Test
    void errorInAnIncludedFileNamesThatFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.conf"), "bad {\n    version = 3\n    children {\n        x {\n        }\n    }\n}\n");
        Path f = Files.writeString(dir.resolve("swanctl.conf"), GOOD + "    include bad.conf\n}\n");
        Configuration c = new SwanctlLoader().load(f);
        Problem p = onlyError(c);
        assertEquals(dir.resolve("bad.conf") + ":2:15", p.location().toString());
        assertEquals("expected one of 0, 1, 2 for 'version', found '3'", p.message());
        refusedWhileGoodLoads(c);
    }

    @Test
    void referenceToNothing() {
        Configuration c = parse(GOOD + "    bad : templates.nothing {\n        children {\n            x {\n            }\n        }\n    }\n}\n");
        Problem p = onlyError(c);
        assertEquals("swanctl.conf:9:11", p.location().toString());
        assertTrue(p.message().startsWith("no section 'templates.nothing' to inherit from"), p.message());
        refusedWhileGoodLoads(c);
    }

    @Test
    void unknownKey() {
        Configuration c = withBad("        rekeytime = 1h\n        children {\n            x {\n            }\n        }\n");
        Problem p = onlyError(c);
        assertEquals("swanctl.conf:10:9", p.location().toString());
        assertEquals("unknown key 'rekeytime' in connection bad (see swanctl.conf(5))", p.message());
        refusedWhileGoodLoads(c);
    }

    @Test
    void unknownAlgorithmPointsAtTheKeyword() {
        Configuration c = withBad("        proposals = aes128-sha256-x25519, aes256-sha3-ecp256\n"
                + "        children {\n            x {\n            }\n        }\n");
        Problem p = onlyError(c);
        assertEquals("swanctl.conf:10:50", p.location().toString());
        assertEquals("unknown algorithm 'sha3' in proposals=", p.message());
        refusedWhileGoodLoads(c);
    }

    @Test
    void badTime() {
        Configuration c = withBad("        rekey_time = 4 hours\n        children {\n            x {\n            }\n        }\n");
        Problem p = onlyError(c);
        assertEquals("swanctl.conf:10:22", p.location().toString());
        assertTrue(p.message().startsWith("expected a time such as 3600, 90s, 60m, 4h or 1d for 'rekey_time'"));
        refusedWhileGoodLoads(c);
    }

    @Test
    void badTrafficSelectorPointsAtTheEntry() {
        Configuration c = withBad("        children {\n            x {\n"
                + "                local_ts = 10.0.0.0/24, 10.1.0.0/33\n            }\n        }\n");
        Problem p = onlyError(c);
        assertEquals("swanctl.conf:12:41", p.location().toString());
        assertTrue(p.message().startsWith("expected a prefix length"), p.message());
        assertFalse(c.connection("bad").isPresent());
        assertTrue(c.errors().stream().anyMatch(e -> e.message().equals("child x of connection bad refused")));
    }

    @Test
    void ipcompIsRefusedClearly() {
        Configuration c = withBad("        children {\n            x {\n                ipcomp = yes\n            }\n        }\n");
        Problem p = onlyError(c);
        assertEquals("swanctl.conf:12:26", p.location().toString());
        assertEquals("ipcomp = yes: IPComp (RFC 3173) is not supported by ike4j", p.message());
    }

    @Test
    void aBadChildIsRefusedAndItsSiblingLoads() {
        Configuration c = withBad("        children {\n            x {\n                mode = beet\n            }\n"
                + "            y {\n            }\n        }\n");
        Problem p = onlyError(c);
        assertEquals("swanctl.conf:12:24", p.location().toString());
        assertEquals("mode = beet is not supported by ike4j", p.message());
        assertTrue(c.connection("bad/y").isPresent());
        assertFalse(c.connection("bad/x").isPresent());
    }

    @Test
    void noChildren() {
        Configuration c = withBad("        remote_addrs = 192.0.2.3\n");
        Problem p = onlyError(c);
        assertEquals("swanctl.conf:9:5", p.location().toString());
        assertEquals("connection bad has no children: ike4j negotiates an IKE SA only along with a Child SA", p.message());
        refusedWhileGoodLoads(c);
    }

    @Test
    void mixedAuthentication() {
        Configuration c = withBad("        local {\n            auth = psk\n        }\n"
                + "        children {\n            x {\n            }\n        }\n");
        Problem p = onlyError(c);
        assertEquals("swanctl.conf:11:20", p.location().toString());
        assertEquals("local auth psk with remote auth pubkey: ike4j needs the same method on both sides", p.message());
        refusedWhileGoodLoads(c);
    }

    @Test
    void eapIsRefused() {
        Configuration c = withBad("        remote {\n            auth = eap-mschapv2\n        }\n"
                + "        children {\n            x {\n            }\n        }\n");
        assertEquals("swanctl.conf:11:20", onlyError(c).location().toString());
        refusedWhileGoodLoads(c);
    }

    @Test
    void malformedSecretIsNotShown() {
        Configuration c = parse(GOOD + "}\nsecrets {\n    ike-1 {\n        secret = 0xnothex-s3cr3t\n    }\n"
                + "    ike-2 {\n        secret = fine\n    }\n}\n");
        Problem p = onlyError(c);
        assertEquals("swanctl.conf:12:18", p.location().toString());
        assertEquals("malformed hex (0x...) secret (its value is not shown)", p.message());
        assertFalse(c.problems().toString().contains("s3cr3t"));
        assertEquals(1, c.secrets().sharedKeys().size());
        assertTrue(c.connection("good").isPresent());
    }

    @Test
    void secretWithoutValue() {
        Configuration c = parse(GOOD + "}\nsecrets {\n    ike-1 {\n        id = a.example\n    }\n}\n");
        Problem p = onlyError(c);
        assertEquals("swanctl.conf:11:5", p.location().toString());
        assertEquals("secret ike-1 has no 'secret = ...'", p.message());
    }

    @Test
    void aeadWithIkev1() {
        Configuration c = withBad("        version = 1\n        proposals = aes128gcm16-prfsha256-ecp256\n"
                + "        children {\n            x {\n            }\n        }\n");
        Problem p = onlyError(c);
        assertEquals("swanctl.conf:11:21", p.location().toString());
        assertEquals("AEAD algorithms in proposals are not available with version = 1", p.message());
        refusedWhileGoodLoads(c);
    }

    @Test
    void bangIsIpsecConfSyntax() {
        Configuration c = withBad("        proposals = aes128-sha256-modp2048!\n"
                + "        children {\n            x {\n            }\n        }\n");
        Problem p = onlyError(c);
        assertEquals("swanctl.conf:10:43", p.location().toString());
        refusedWhileGoodLoads(c);
    }

    @Test
    void laterValueReplacesAndCommentsMayHoldBraces() {
        Configuration c = parse("""
                connections {   # { not a section
                    c {
                        remote_addrs = 192.0.2.9
                        remote_addrs = 192.0.2.2   # the second wins }
                        children {
                            x {
                                esp_proposals = "aes128-sha256,
                aes256-sha384"
                            }
                        }
                    }
                    c {
                        version = 2   # a section written again extends the first
                    }
                }
                """);
        assertEquals(List.of(), c.errors());
        var x = c.connection("c").orElseThrow();
        assertEquals("192.0.2.2", x.remote().address().toString());
        assertEquals(org.ike4j.config.IkeVersion.IKEV2, x.ikeVersion());
        assertEquals(2, x.childProposals().size(), "a quoted value may span lines");
    }

    @Test
    void aLoneNameIsBlamedOnItsOwnLine() {
        Configuration c = withBad("        mobike\n        children {\n            x {\n            }\n        }\n");
        Problem p = onlyError(c);
        assertEquals("swanctl.conf:10:15", p.location().toString());
        assertEquals("expected '=' or '{' after 'mobike', found the end of the line", p.message());
        refusedWhileGoodLoads(c);
    }
}
