package org.ike4j.config.strongswan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.DpdAction;
import org.ike4j.config.Identity;
import org.ike4j.config.IkeVersion;
import org.ike4j.config.Ikev1Mode;
import org.ike4j.config.IpsecMode;
import org.ike4j.config.PeerAddress;
import org.ike4j.config.Problem;
import org.ike4j.config.StartAction;
import org.ike4j.config.TrafficSelector;
import org.ike4j.crypto.DhGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpsecConfTest {
    private static final StrongSwanLoader LOADER = new StrongSwanLoader(Set.of());

    static Configuration parse(String text) {
        return LOADER.parse("test.conf", text, Path.of("."));
    }

    static Problem onlyError(Configuration c) {
        List<Problem> errors = c.errors().stream().filter(p -> !p.message().endsWith("refused")).toList();
        assertEquals(1, errors.size(), errors.toString());
        return errors.getFirst();
    }

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    static final String GOOD = """
            conn good
            \tleft=192.0.2.1
            \tright=192.0.2.2
            \tauthby=psk
            \tauto=add
            """;

    // ---- errors with file:line:column, a bad conn refused while others load ----

    @Test
    void unknownAlgorithmPointsAtKeyword() {
        Configuration c = parse(GOOD + """
                conn bad
                \tleft=192.0.2.1
                \tright=192.0.2.3
                \tike=aes128-sha1-modp2048,aes129-sha256-modp2048
                """);
        Problem p = onlyError(c);
        assertEquals("test.conf:9:27", p.location().toString());
        assertEquals("unknown algorithm 'aes129' in ike=", p.message());
        assertTrue(c.connection("good").isPresent());
        assertFalse(c.connection("bad").isPresent());
        assertTrue(c.errors().stream().anyMatch(e -> e.message().equals("conn bad refused")
                && e.location().line() == 6 && e.location().column() == 1));
    }

    @Test
    void unknownKeyIsAnError() {
        Problem p = onlyError(parse(GOOD + "conn x\n\tleft=%any\n\tright=%any\n\tleftfoo=1\n"));
        assertEquals("test.conf:9:2", p.location().toString());
        assertEquals("unknown key 'leftfoo' in a conn section", p.message());
        p = onlyError(parse("conn x\n\tleft=%any\n\tright=%any\n\tclosecation=\n"));
        assertEquals("test.conf:4:2: error: unknown key 'closecation' in a conn section", p.toString());
    }

    @Test
    void badChoiceNamesTheAlternatives() {
        Problem p = onlyError(parse("conn x\n\tleft=%any\n\tright=%any\n\tkeyexchange = ikev3\n"));
        assertEquals("test.conf:4:16", p.location().toString());
        assertEquals("expected one of ike, ikev1, ikev2 after 'keyexchange', found 'ikev3'", p.message());
        p = onlyError(parse("conn x\n\tleft=%any\n\tright=%any\n\taggressive=maybe\n"));
        assertEquals("expected one of yes, no after 'aggressive', found 'maybe'", p.message());
        assertEquals("test.conf:4:13", p.location().toString());
    }

    @Test
    void syntaxErrors() {
        assertEquals("test.conf:2:1", onlyError(parse("config setup\nleft=1\n")).location().toString());
        assertEquals("setting outside of a section (expected 'config setup' or 'conn NAME' first)",
                onlyError(parse("\tleft=1\n")).message());
        Problem quote = parse("conn x\n\tleft=\"1.2.3.4\n").errors().getFirst();
        assertEquals("test.conf:2:7: error: unterminated quoted value", quote.toString());
        assertEquals("expected key=value", parse("conn x\n\tleft\n").errors().getFirst().message());
        assertEquals("expected 'setup' after 'config'", onlyError(parse("config foo\n")).message());
        assertEquals("test.conf:1:1", onlyError(parse("conn\n")).location().toString());
    }

    @Test
    void badValues() {
        Problem p = onlyError(parse("conn x\n\tleft=%any\n\tright=%any\n\tikelifetime=3 hours\n"));
        assertEquals("test.conf:4:14", p.location().toString());
        assertTrue(p.message().startsWith("expected a time"), p.message());
        p = onlyError(parse("conn x\n\tleft=%any\n\tright=%any\n\tleftsubnet=10.0.0.0/24,10.1.0.0/33\n"));
        assertEquals("test.conf:4:25", p.location().toString());
        p = onlyError(parse("conn x\n\tleft=not_a_host!\n\tright=%any\n"));
        assertEquals("test.conf:2:7", p.location().toString());
        p = onlyError(parse("conn x\n\tright=%any\n\tauto=add\n"));
        assertEquals("conn x has no left= (expected an address, a host name or %any)", p.message());
        assertEquals("test.conf:1:1", p.location().toString());
    }

    @Test
    void configSetupErrorsDoNotStopConns() {
        Configuration c = parse("config setup\n\tcharondebug=\"ike 2, knl 3\"\n\tbogus=1\n" + GOOD);
        assertEquals("test.conf:3:2", onlyError(c).location().toString());
        assertTrue(c.connection("good").isPresent());
        assertEquals("2", c.settings().debug().get("ike"));
        assertEquals("3", c.settings().debug().get("knl"));
    }

    @Test
    void requireNoErrorsThrows() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> parse("conn x\n\tleft=%any\n\tright=%any\n\tesp=aes128-foo\n").requireNoErrors());
        assertTrue(e.getMessage().startsWith("test.conf:4:13: error: unknown algorithm 'foo' in esp="), e.getMessage());
    }

    // ---- semantics ----

    /**
     * keyexchange= as strongSwan 5.x reads it: ike (the default) initiates IKEv2 and answers either
     * version ({@link IkeVersion#ANY}), ikev1 and ikev2 only that one.
     */
    @Test
    void keyexchangeIkeIsEitherVersion() {
        for (var e : java.util.Map.of("ike", IkeVersion.ANY, "ikev1", IkeVersion.IKEV1, "ikev2", IkeVersion.IKEV2)
                .entrySet()) {
            Configuration c = parse(GOOD + "\tkeyexchange=" + e.getKey() + "\n");
            assertEquals(List.of(), c.errors(), e.getKey());
            assertEquals(e.getValue(), c.connection("good").orElseThrow().ikeVersion(), e.getKey());
        }
        assertEquals(IkeVersion.ANY, parse(GOOD).connection("good").orElseThrow().ikeVersion(), "the default");
        Problem p = onlyError(parse(GOOD + "\tkeyexchange=ikev3\n"));
        assertTrue(p.message().contains("keyexchange"), p.toString());
    }

    @Test
    void defaultsAreStrongSwans() throws Exception {
        Connection c = parse(GOOD).connection("good").orElseThrow();
        assertEquals(IkeVersion.ANY, c.ikeVersion());
        assertEquals(Duration.ofHours(3), c.lifetimes().ike());
        assertEquals(Duration.ofHours(1), c.lifetimes().ipsec());
        assertEquals(Duration.ofMinutes(9), c.lifetimes().rekeyMargin());
        assertEquals(100, c.lifetimes().rekeyFuzzPercent());
        assertEquals(3, c.keyingTries());
        assertEquals(IpsecMode.TUNNEL, c.mode());
        assertEquals(DpdAction.NONE, c.dpd().action());
        assertEquals(new Identity.IpAddress(ip("192.0.2.1")), c.local().identity());
        // without leftsubnet the endpoint protects itself
        assertEquals(List.of(TrafficSelector.subnet(ip("192.0.2.1"), 32)), c.local().selectors());
        assertEquals(StartAction.ADD, c.startAction());
    }

    @Test
    void manyKeys() throws Exception {
        Configuration conf = parse("""
                conn k
                \tleft=%defaultroute
                \tright=vpn.example.com
                \tleftid=@gw.example.com
                \trightid="C=CH, O=Example, CN=peer"
                \tleftsubnet=10.0.0.0/24[tcp/http],10.0.1.1-10.0.1.9
                \trightprotoport=udp/1701
                \trightsubnet=10.9.0.0/16
                \tkeyexchange=ikev2
                \taggressive=yes
                \tike=aes256gcm16-prfsha384-ecp384!
                \tesp=aes128gcm16-modp2048-esn
                \tdpdaction=restart
                \tdpddelay=10s
                \tdpdtimeout=1m
                \tforceencaps=yes
                \tmobike=no
                \treauth=no
                \trekey=no
                \treplay_window=128
                \ttype=transport
                \tcloseaction=hold
                \tkeyingtries=%forever
                \tlifetime=2h
                \tmargintime=3m
                \trekeyfuzz=50%
                \tlifebytes=1000000
                \tauto=route
                \tmark=42
                """);
        Connection c = conf.connection("k").orElseThrow(() -> new AssertionError(conf.errors().toString()));
        assertEquals(PeerAddress.ANY, c.local().address());
        assertEquals(new PeerAddress.Hostname("vpn.example.com"), c.remote().address());
        assertEquals(new Identity.Fqdn("gw.example.com"), c.local().identity());
        assertEquals(new Identity.DistinguishedName("C=CH, O=Example, CN=peer"), c.remote().identity());
        assertEquals(List.of(TrafficSelector.subnet(ip("10.0.0.0"), 24, 6, 80, 80),
                new TrafficSelector(ip("10.0.1.1"), ip("10.0.1.9"), 0, 0, 65535)), c.local().selectors());
        assertEquals(List.of(TrafficSelector.subnet(ip("10.9.0.0"), 16, 17, 1701, 1701)), c.remote().selectors());
        assertEquals(IkeVersion.IKEV2, c.ikeVersion());
        assertEquals(Ikev1Mode.AGGRESSIVE, c.ikev1Mode());
        assertTrue(c.ikeProposalsStrict());
        assertFalse(c.childProposalsStrict());
        assertEquals(List.of(DhGroup.MODP_2048), c.childProposals().getFirst().pfsGroups());
        assertEquals(DpdAction.RESTART, c.dpd().action());
        assertEquals(Duration.ofSeconds(10), c.dpd().delay());
        assertEquals(Duration.ofSeconds(60), c.dpd().timeout());
        assertTrue(c.forceEncaps());
        assertFalse(c.mobike());
        assertFalse(c.reauth());
        assertFalse(c.rekey());
        assertEquals(128, c.replayWindow());
        assertEquals(IpsecMode.TRANSPORT, c.mode());
        assertEquals(0, c.keyingTries());
        assertEquals(Duration.ofHours(2), c.lifetimes().ipsec());
        assertEquals(Duration.ofMinutes(3), c.lifetimes().rekeyMargin());
        assertEquals(50, c.lifetimes().rekeyFuzzPercent());
        assertEquals(1000000, c.lifetimes().ipsecBytes());
        assertEquals(StartAction.ROUTE, c.startAction());
    }

    @Test
    void manyKeysNotes() {
        Configuration c = parse("conn k\n\tleft=%defaultroute\n\tright=%any\n\tmark=42\n");
        assertEquals(List.of(), c.errors());
        assertTrue(c.notes().stream().anyMatch(p -> p.message().contains("%defaultroute")));
        assertTrue(c.notes().stream().anyMatch(p -> p.message().equals("'mark' is accepted but not used by ike4j")
                && p.location().toString().equals("test.conf:4:2")));
    }

    @Test
    void pfsYesTakesIkeGroupAsPlutoDid() {
        Connection c = parse("conn p\n\tleft=%any\n\tright=%any\n\tike=aes128-sha1-modp1536\n\tesp=aes128-sha1\n\tpfs=yes\n")
                .connection("p").orElseThrow();
        assertEquals(List.of(DhGroup.MODP_1536), c.childProposals().getFirst().pfsGroups());
        Connection n = parse("conn p\n\tleft=%any\n\tright=%any\n\tesp=aes128-sha1-modp2048\n\tpfs=no\n")
                .connection("p").orElseThrow();
        assertFalse(n.childProposals().getFirst().pfs());
    }

    @Test
    void defaultAndAlso() throws Exception {
        Configuration c = parse("""
                conn %default
                \tikelifetime=60m
                \tkeyexchange=ikev1
                \tauthby=psk

                conn base
                \tleft=192.0.2.1
                \tleftsubnet=10.1.0.0/16
                \tkeyexchange=ikev2
                \tauto=ignore

                conn a
                \talso=base
                \tright=192.0.2.7
                \tauto=start

                conn b
                \tright=192.0.2.8
                \tleft=192.0.2.1
                \tikelifetime=
                """);
        assertEquals(List.of(), c.errors());
        Connection a = c.connection("a").orElseThrow();
        assertEquals(Duration.ofMinutes(60), a.lifetimes().ike()); // from %default
        assertEquals(IkeVersion.IKEV2, a.ikeVersion()); // also= overrides %default
        assertEquals(StartAction.START, a.startAction()); // own setting overrides also=
        assertEquals(List.of(TrafficSelector.subnet(ip("10.1.0.0"), 16)), a.local().selectors());
        Connection b = c.connection("b").orElseThrow();
        assertEquals(IkeVersion.IKEV1, b.ikeVersion());
        assertEquals(Duration.ofHours(3), b.lifetimes().ike()); // empty value restores the default
        assertFalse(c.connection("base").isPresent()); // an auto=ignore template without right=
        assertTrue(c.notes().stream().anyMatch(n -> n.message().startsWith("conn base (auto=ignore) has no right=")));
        assertEquals(7, c.locations().get("conn a ikelifetime").line() + 5); // read in %default, line 2
    }

    @Test
    void alsoErrors() {
        Configuration c = parse("conn a\n\talso=nothere\n\tleft=%any\n\tright=%any\n");
        assertEquals("also=nothere names no conn section", onlyError(c).message());
        assertEquals("test.conf:2:7", onlyError(c).location().toString());
        c = parse("conn a\n\talso=b\n\tleft=%any\n\tright=%any\nconn b\n\talso=a\n");
        assertTrue(c.errors().stream().anyMatch(p -> p.message().startsWith("also= loop")));
        c = parse(GOOD + GOOD);
        assertTrue(onlyError(c).message().startsWith("conn good is defined twice"));
        assertTrue(c.connection("good").isPresent());
    }

    @Test
    void includeWithGlobsRelativeToTheIncludingFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("ipsec.d"));
        Files.writeString(dir.resolve("ipsec.conf"), "config setup\n\tuniqueids=no\n\ninclude ipsec.d/*.conf\n"
                + "include /nonexistent/dir/*.conf\n");
        Files.writeString(dir.resolve("ipsec.d/b.conf"), "conn b\n\tleft=%any\n\tright=%any\n");
        Files.writeString(dir.resolve("ipsec.d/a.conf"), "conn a\n\tleft=%any\n\tright=%any\ninclude ../more/x.conf\n");
        Files.createDirectories(dir.resolve("more"));
        Files.writeString(dir.resolve("more/x.conf"), "conn x\n\tleft=%any\n\tright=%any\n\tike=bad\n");
        Files.writeString(dir.resolve("ipsec.d/ignored.txt"), "conn never\n");
        Configuration c = LOADER.load(dir.resolve("ipsec.conf"), null);
        assertEquals(List.of("a", "b"), List.copyOf(c.connections().keySet())); // sorted as glob(3) does
        Problem p = onlyError(c);
        assertTrue(p.location().file().endsWith("x.conf"), p.location().file());
        assertEquals(4, p.location().line());
        assertEquals("no", c.settings().other().get("uniqueids"));

        Files.writeString(dir.resolve("loop.conf"), "include loop.conf\n");
        assertTrue(onlyError(LOADER.load(dir.resolve("loop.conf"), null)).message().contains("nested deeper"));
        Files.writeString(dir.resolve("missing.conf"), "include nothere.conf\n");
        assertEquals("included file 'nothere.conf' not found",
                onlyError(LOADER.load(dir.resolve("missing.conf"), null)).message());
    }

    @Test
    void localSideIsFoundFromLocalAddresses() throws Exception {
        StrongSwanLoader l = new StrongSwanLoader(Set.of(ip("192.0.2.2")));
        Connection c = l.parse("t", GOOD, Path.of(".")).connection("good").orElseThrow();
        assertEquals(PeerAddress.of(ip("192.0.2.2")), c.local().address());
        assertEquals(PeerAddress.of(ip("192.0.2.1")), c.remote().address());
    }

    @Test
    void identities() throws Exception {
        var at = org.ike4j.config.SourceLocation.NONE;
        assertEquals(new Identity.Fqdn("moon.strongswan.org"), Values.identity("@moon.strongswan.org", at));
        assertEquals(new Identity.Fqdn("moon.strongswan.org"), Values.identity("moon.strongswan.org", at));
        assertEquals(new Identity.UserFqdn("carol@strongswan.org"), Values.identity("carol@strongswan.org", at));
        assertEquals(new Identity.UserFqdn("carol@strongswan.org"), Values.identity("@@carol@strongswan.org", at));
        assertEquals(new Identity.KeyId(new byte[] {1, 2, (byte) 0xab}), Values.identity("@#0102ab", at));
        assertEquals(Identity.ANY, Values.identity("%any", at));
        assertEquals(new Identity.IpAddress(ip("2001:db8::1")), Values.identity("2001:db8::1", at));
        assertThrows(ConfigException.class, () -> Values.identity("@#xyz", at));
    }

    @Test
    void ikev1HasNoAeadIkeSa() {
        Problem p = onlyError(parse("conn v1\n\tleft=%any\n\tright=%any\n\tkeyexchange=ikev1\n\tike=aes128gcm16-prfsha256-ecp256\n"));
        assertEquals("test.conf:5:6: error: AEAD algorithms in ike= are not available with keyexchange=ikev1", p.toString());
    }

    @Test
    void defaultSectionProblemsReportedOnce() {
        Configuration c = parse("conn %default\n\tmark=1\n\tbogus=2\n" + GOOD + "conn other\n\tleft=%any\n\tright=%any\n");
        assertEquals(1, c.notes().stream().filter(n -> n.message().startsWith("'mark'")).count());
        assertEquals(1, c.errors().stream().filter(n -> n.message().startsWith("unknown key 'bogus'")).count());
        assertEquals(2, c.errors().stream().filter(n -> n.message().endsWith("refused")).count());
    }

    @Test
    void ikev1UsesOneAlgorithmOfEachKind() {
        Configuration c = parse("conn v1\n\tleft=%any\n\tright=%any\n\tkeyexchange=ikev1\n\tike=aes128-aes256-sha1-modp2048\n");
        assertEquals(List.of(), c.errors());
        assertTrue(c.notes().stream().anyMatch(n -> n.location().toString().equals("test.conf:5:6")
                && n.message().startsWith("IKEv1 proposals take one algorithm of each kind")));
    }
}
