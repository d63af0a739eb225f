package org.ike4j.config.swanctl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.SourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings syntax on its own: values, sections, includes, references. */
class SettingsParserTest {

    static SettingsSection read(String text, Diagnostics d) {
        SettingsSection root = new SettingsSection("", SourceLocation.NONE);
        new SettingsParser(d).read("f", text, null, root, 0);
        return root;
    }

    @Test
    void valuesRunToTheEndOfTheLineWithCommasAndBlanks() {
        Diagnostics d = new Diagnostics();
        SettingsSection root = read("a {\n  b = x, y ,z   # comment\n  c =\n  d = \"q \\\"t\\\" \\\\ # not a comment\"\n}\n", d);
        assertEquals(List.of(), d.problems());
        SettingsSection a = root.sections.get("a");
        assertEquals("x, y ,z", a.values.get("b").value());
        assertEquals("", a.values.get("c").value());
        assertEquals(null, a.get("c"), "an empty value means the default");
        assertEquals("q \"t\" \\ # not a comment", a.values.get("d").value());
        assertEquals(new SourceLocation("f", 2, 7), a.values.get("b").valueLocation());
        assertEquals(new SourceLocation("f", 4, 8), a.values.get("d").valueLocation(), "after the opening quote");
    }

    @Test
    void includeExtendsTheSectionItIsIn(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("d"));
        Files.writeString(dir.resolve("d/1.conf"), "k = from-1\nsub {\n  x = 1\n}\n");
        Files.writeString(dir.resolve("d/2.conf"), "k = from-2\nsub {\n  y = 2\n}\n");
        Files.writeString(dir.resolve("d/.hidden.conf"), "hidden = yes\n");
        Path main = Files.writeString(dir.resolve("main.conf"), "s {\n  k = own\n  include d/*.conf\n}\ninclude nothing/*.conf\n");
        Diagnostics d = new Diagnostics();
        SettingsSection root = new SettingsSection("", SourceLocation.NONE);
        new SettingsParser(d).readFile(main, SourceLocation.NONE, root, 0);
        assertEquals(List.of(), d.problems(), "a glob that matches nothing is no error");
        SettingsSection s = root.sections.get("s");
        assertEquals("from-2", s.values.get("k").value(), "later files replace, in sorted order");
        assertEquals(dir.resolve("d/2.conf") + ":1:5", s.values.get("k").valueLocation().toString());
        assertEquals("1", s.sections.get("sub").values.get("x").value());
        assertEquals("2", s.sections.get("sub").values.get("y").value());
        assertFalse(s.values.containsKey("hidden"));
    }

    @Test
    void includeLoopStops(@TempDir Path dir) throws Exception {
        Path main = Files.writeString(dir.resolve("loop.conf"), "include loop.conf\n");
        Diagnostics d = new Diagnostics();
        new SettingsParser(d).readFile(main, SourceLocation.NONE, new SettingsSection("", SourceLocation.NONE), 0);
        assertTrue(d.problems().getFirst().message().startsWith("includes nested deeper than 10"), d.problems().toString());
    }

    @Test
    void referencesInheritWhatIsNotSetAndMerge() {
        Diagnostics d = new Diagnostics();
        SettingsSection root = read("""
                base {
                    a = 1
                    b = 2
                    sub {
                        x = base
                        y = base
                    }
                }
                more { c = 3
                }
                s : base, more {
                    b = own
                    a =
                    sub {
                        x = own
                    }
                }
                """, d);
        SettingsSection s = new SectionReferences(root, d).resolve(root.sections.get("s"));
        assertEquals(List.of(), d.problems());
        assertEquals(null, s.get("a"), "an empty value clears the inherited one");
        assertEquals("own", s.get("b").value());
        assertEquals("3", s.get("c").value());
        assertEquals("own", s.sections.get("sub").get("x").value());
        assertEquals("base", s.sections.get("sub").get("y").value());
    }

    @Test
    void referenceLoopIsAnError() {
        Diagnostics d = new Diagnostics();
        SettingsSection root = read("a : b {\n}\nb : a {\n}\n", d);
        SettingsSection a = new SectionReferences(root, d).resolve(root.sections.get("a"));
        assertFalse(a.allSyntaxErrors().isEmpty());
        assertTrue(d.problems().getFirst().message().contains("reference loop"), d.problems().toString());
    }

    /** Whatever the bytes, reading ends with problems, never with an exception. */
    @Test
    void garbageNeverThrows() {
        SplittableRandom r = new SplittableRandom(7);
        String alphabet = "ab=:{}\"#\\,.\n \t\r[]/0x";
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(80);
            for (int j = 0; j < n; j++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            assertDoesNotThrow(() -> new SwanctlLoader().parse("g", text, null), text);
            String conn = "connections {\n c {\n" + text + "\n children {\n x {\n" + text + "\n}\n}\n}\n}\nsecrets {\n ike {\n"
                    + text + "\n}\n}\n";
            assertDoesNotThrow(() -> new SwanctlLoader().parse("g", conn, null), conn);
        }
    }

    /** Every key swanctl.conf knows, with odd values: refused or loaded, never an exception. */
    @Test
    void oddValuesForEveryKeyNeverThrow() {
        String[] connKeys = {"version", "local_addrs", "remote_addrs", "local_port", "remote_port", "proposals",
                "aggressive", "encap", "mobike", "dpd_delay", "dpd_timeout", "keyingtries", "rekey_time", "reauth_time",
                "over_time", "rand_time", "fragmentation", "unique"};
        String[] childKeys = {"local_ts", "remote_ts", "esp_proposals", "ah_proposals", "mode", "start_action",
                "dpd_action", "close_action", "rekey_time", "life_time", "rand_time", "rekey_bytes", "life_bytes",
                "rekey_packets", "life_packets", "replay_window", "ipcomp", "copy_df"};
        String[] values = {"0", "1", "2", "-1", "99999999999999999999", "0x", "0xff", "yes", "no", "%any", "dynamic",
                "dynamic[tcp/80]", "10.0.0.0/8[udp/1-2]", "::/0", "1.2.3.4-1.2.3.1", "a-b-c", "default", ",", "4h",
                "0s", "1s", "aes128-sha256-x25519", "aes128gcm16-prfsha256-x25519", "trap|start", "[", "10.0.0.1[",
                "host.example", "1.2.3.4, 10.0.0.0/8", "ipv4:", "keyid:#zz", "@#00"};
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 2000; i++) {
            StringBuilder conn = new StringBuilder("connections {\n c {\n");
            for (int k = 0; k < 4; k++) {
                conn.append(connKeys[r.nextInt(connKeys.length)]).append(" = \"")
                        .append(values[r.nextInt(values.length)]).append("\"\n");
            }
            conn.append(" local {\n auth = psk\n id = \"").append(values[r.nextInt(values.length)])
                    .append("\"\n }\n remote {\n auth = psk\n }\n children {\n x {\n");
            for (int k = 0; k < 4; k++) {
                conn.append(childKeys[r.nextInt(childKeys.length)]).append(" = \"")
                        .append(values[r.nextInt(values.length)]).append("\"\n");
            }
            conn.append("}\n}\n}\n}\nsecrets {\n ike {\n secret = \"").append(values[r.nextInt(values.length)])
                    .append("\"\n id = \"").append(values[r.nextInt(values.length)]).append("\"\n}\n}\n");
            String text = conn.toString();
            assertDoesNotThrow(() -> new SwanctlLoader().parse("g", text, null), text);
        }
    }
}
