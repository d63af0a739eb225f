package org.ike4j.config.swanctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ike4j.config.AuthMethod;
import org.ike4j.config.CloseAction;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.DpdAction;
import org.ike4j.config.Identity;
import org.ike4j.config.IkeVersion;
import org.ike4j.config.IpsecMode;
import org.ike4j.config.PeerAddress;
import org.ike4j.config.SourceLocation;
import org.ike4j.config.TrafficSelector;
import org.ike4j.config.strongswan.Values;
import org.ike4j.testkit.Charon;
import org.ike4j.testkit.CommandResult;
import org.ike4j.testkit.NetNamespace;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.TestNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real strongSwan reads the same file the same way: charon 5.9 (in a namespace of its own)
 * loads the realistic swanctl.conf of {@link SwanctlLoaderTest} with {@code swanctl --load-all},
 * and what {@code swanctl --list-conns} then reports (connections, children, addresses, version,
 * identities, authentication, rekey times, DPD, actions, traffic selectors) matches what ike4j's
 * loader made of it. (charon 5.9 does not list proposals or secrets; those are covered by the
 * equivalence with ipsec.conf and by the interop runs.)
 */
class CharonReadsSwanctlConfTest {

    @Test
    void charonListsWhatIke4jLoaded(@TempDir Path dir) throws Exception {
        Prerequisites.require(Prerequisites.Requirement.STRONGSWAN);
        Path file = SwanctlLoaderTest.realisticFile(dir);
        Configuration ours = new SwanctlLoader().load(file);
        assertEquals(List.of(), ours.errors());
        Map<String, Object> conns;
        try (TestNetwork network = new TestNetwork()) {
            NetNamespace ns = network.namespace("swanctlconf");
            try (Charon charon = Charon.builder(ns).start()) {
                CommandResult load = charon.swanctl().loadAll(file);
                assertTrue(load.stdout().contains("successfully loaded 2 connections"), load.toString());
                assertTrue(load.stdout().contains("loaded ike secret 'ike-hq'")
                        && load.stdout().contains("loaded ike secret 'ike-branch'"), load.toString());
                CommandResult list = charon.swanctl().run(Duration.ofSeconds(10), "--list-conns", "--pretty");
                assertEquals(0, list.exitCode(), list.toString());
                conns = pretty(list.stdout());
            }
        }
        assertEquals(List.of("hq", "branch"), List.copyOf(conns.keySet()));
        int children = 0;
        for (Map.Entry<String, Object> e : conns.entrySet()) {
            Map<String, Object> conn = map(e.getValue());
            Map<String, Object> kids = map(conn.get("children"));
            for (String child : kids.keySet()) {
                String name = kids.size() > 1 ? e.getKey() + "/" + child : e.getKey();
                Connection c = ours.connection(name).orElseThrow(() -> new AssertionError("no " + name));
                compare(conn, map(kids.get(child)), c);
                children++;
            }
        }
        assertEquals(ours.connections().size(), children);
    }

    private static void compare(Map<String, Object> conn, Map<String, Object> child, Connection c) throws Exception {
        String what = c.name();
        assertEquals(address(list(conn.get("local_addrs")).getFirst()), c.local().address(), what);
        assertEquals(address(list(conn.get("remote_addrs")).getFirst()), c.remote().address(), what);
        assertEquals(switch ((String) conn.get("version")) {
            case "IKEv1" -> IkeVersion.IKEV1;
            case "IKEv2" -> IkeVersion.IKEV2;
            default -> IkeVersion.ANY;
        }, c.ikeVersion(), what);
        // the IKE SA is renewed its margin before it ends
        assertEquals(seconds(conn.get("rekey_time")), c.lifetimes().ike().minus(c.lifetimes().ikeRekeyMargin()), what);
        assertEquals(conn.containsKey("dpd_delay") ? seconds(conn.get("dpd_delay")) : Duration.ZERO,
                c.dpd().enabled() ? c.dpd().delay() : Duration.ZERO, what);
        Map<String, Object> local = map(conn.get("local-1"));
        Map<String, Object> remote = map(conn.get("remote-1"));
        assertEquals("pre-shared key", local.get("class"), what);
        assertEquals(AuthMethod.PSK, c.authMethod());
        assertEquals(local.containsKey("id") ? identity(local.get("id")) : Identity.ANY, c.local().identity(), what);
        assertEquals(remote.containsKey("id") ? identity(remote.get("id")) : Identity.ANY, c.remote().identity(), what);

        assertEquals(switch ((String) child.get("mode")) {
            case "TUNNEL" -> IpsecMode.TUNNEL;
            case "TRANSPORT" -> IpsecMode.TRANSPORT;
            default -> IpsecMode.PASSTHROUGH;
        }, c.mode(), what);
        assertEquals(seconds(child.get("rekey_time")), c.lifetimes().ipsec().minus(c.lifetimes().rekeyMargin()), what);
        long rekeyBytes = Long.parseLong((String) child.get("rekey_bytes"));
        assertEquals(rekeyBytes + rekeyBytes / 10, c.lifetimes().ipsecBytes(), what + ": life_bytes = rekey_bytes + 10%");
        if (c.dpd().enabled()) {
            assertEquals(switch ((String) child.get("dpd_action")) {
                case "start" -> DpdAction.RESTART;
                case "trap" -> DpdAction.HOLD;
                default -> DpdAction.CLEAR; // charon prints "none" for clear
            }, c.dpd().action(), what);
        }
        assertEquals(switch ((String) child.get("close_action")) {
            case "start" -> CloseAction.RESTART;
            case "trap" -> CloseAction.HOLD;
            default -> CloseAction.NONE;
        }, c.closeAction(), what);
        assertEquals(selectors(child.get("local-ts")), c.local().selectors(), what);
        assertEquals(selectors(child.get("remote-ts")), c.remote().selectors(), what);
    }

    // ---- charon's words, read independently of the loader under test ----

    private static PeerAddress address(String s) {
        if (s.equals("%any")) {
            return PeerAddress.ANY;
        }
        java.net.InetAddress a = Values.literal(s);
        return a != null ? PeerAddress.of(a) : new PeerAddress.Hostname(s);
    }

    private static Identity identity(Object s) throws Exception {
        return Values.identity((String) s, SourceLocation.NONE);
    }

    private static Duration seconds(Object s) {
        return Duration.ofSeconds(Long.parseLong((String) s));
    }

    private static List<TrafficSelector> selectors(Object ts) throws Exception {
        List<TrafficSelector> out = new ArrayList<>();
        for (String s : list(ts)) {
            out.add(Values.trafficSelector(s, SourceLocation.NONE, "ts"));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object o) {
        return (List<String>) o;
    }

    /** {@code swanctl --list-conns --pretty}: the connections of every "list-conn event". */
    static Map<String, Object> pretty(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        int[] at = {0};
        while (at[0] < lines.size()) {
            String line = lines.get(at[0]++);
            if (line.equals("list-conn event {")) {
                out.putAll(section(lines, at));
            } else if (line.endsWith("{")) {
                section(lines, at);
            }
        }
        return out;
    }

    private static Map<String, Object> section(List<String> lines, int[] at) {
        Map<String, Object> out = new LinkedHashMap<>();
        while (at[0] < lines.size()) {
            String line = lines.get(at[0]++);
            if (line.equals("}")) {
                break;
            } else if (line.endsWith("{")) {
                out.put(line.substring(0, line.length() - 1).strip(), section(lines, at));
            } else if (line.endsWith("= [")) {
                List<String> items = new ArrayList<>();
                while (!lines.get(at[0]).equals("]")) {
                    items.add(lines.get(at[0]++));
                }
                at[0]++;
                out.put(line.substring(0, line.length() - 3).strip(), items);
            } else {
                int eq = line.indexOf(" = ");
                out.put(line.substring(0, eq), line.substring(eq + 3));
            }
        }
        return out;
    }
}
