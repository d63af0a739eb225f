package org.ike4j.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code swanctl.conf} written from typed pieces: connections with their children, and
 * pre-shared keys. Keys are strongSwan's own option names; every builder also takes
 * {@code option(key, value)} for anything not covered.
 *
 * <pre>{@code
 * SwanctlConfig config = new SwanctlConfig(List.of(
 *         SwanctlConfig.connection("v2")
 *                 .version(2).localAddrs("192.0.2.1").remoteAddrs("192.0.2.2")
 *                 .proposals("aes128-sha256-x25519")
 *                 .localId("192.0.2.1").remoteId("192.0.2.2")   // auth = psk on both sides
 *                 .child(SwanctlConfig.child("net")
 *                         .localTs("10.1.0.0/24").remoteTs("10.2.0.0/24")
 *                         .espProposals("aes128-sha256-x25519"))
 *                 .build()),
 *         List.of(new SwanctlConfig.Psk("psk", "secret", List.of("192.0.2.1", "192.0.2.2"))));
 * }</pre>
 *
 * @param connections the {@code connections} section
 * @param secrets the {@code secrets} section (IKE pre-shared keys)
 */
public record SwanctlConfig(List<Connection> connections, List<Psk> secrets) {

    public SwanctlConfig {
        connections = List.copyOf(connections);
        secrets = List.copyOf(secrets);
    }

    /**
     * One connection: its options, the {@code local} and {@code remote} authentication rounds, and
     * its children.
     */
    public record Connection(String name, Map<String, String> options, Map<String, String> local,
            Map<String, String> remote, List<Child> children) {

        public Connection {
            options = Map.copyOf(options);
            local = Map.copyOf(local);
            remote = Map.copyOf(remote);
            children = List.copyOf(children);
        }
    }

    /** One CHILD_SA configuration of a connection. */
    public record Child(String name, Map<String, String> options) {

        public Child {
            options = Map.copyOf(options);
        }
    }

    /**
     * An IKE pre-shared key for a set of identities.
     *
     * @param name the section name (any unique word)
     * @param secret the key; "0x..." is hex, anything else is used as text
     * @param ids the identities it is for
     */
    public record Psk(String name, String secret, List<String> ids) {

        public Psk {
            ids = List.copyOf(ids);
        }

        @Override
        public String toString() {
            return "Psk[" + name + ", ids=" + ids + ", secret=(" + secret.length() + " chars)]";
        }
    }

    /** Starts a connection named {@code name}; both sides authenticate with PSK unless changed. */
    public static ConnectionBuilder connection(String name) {
        return new ConnectionBuilder(name);
    }

    /** Starts a child named {@code name}. */
    public static ChildBuilder child(String name) {
        return new ChildBuilder(name);
    }

    /** Writes the configuration to {@code file}. */
    public Path writeTo(Path file) {
        try {
            return Files.writeString(file, render());
        } catch (IOException e) {
            throw new TestKitException("cannot write " + file, e);
        }
    }

    /** The configuration in swanctl.conf syntax. */
    public String render() {
        StringBuilder out = new StringBuilder("connections {\n");
        for (Connection connection : connections) {
            out.append("  ").append(connection.name()).append(" {\n");
            appendOptions(out, "    ", ordered(connection.options()));
            out.append("    local {\n");
            appendOptions(out, "      ", ordered(connection.local()));
            out.append("    }\n    remote {\n");
            appendOptions(out, "      ", ordered(connection.remote()));
            out.append("    }\n    children {\n");
            for (Child child : connection.children()) {
                out.append("      ").append(child.name()).append(" {\n");
                appendOptions(out, "        ", ordered(child.options()));
                out.append("      }\n");
            }
            out.append("    }\n  }\n");
        }
        out.append("}\nsecrets {\n");
        for (Psk psk : secrets) {
            out.append("  ike-").append(psk.name()).append(" {\n");
            for (int i = 0; i < psk.ids().size(); i++) {
                out.append("    id-").append(i + 1).append(" = ").append(value(psk.ids().get(i))).append('\n');
            }
            out.append("    secret = ").append(quoted(psk.secret())).append("\n  }\n");
        }
        return out.append("}\n").toString();
    }

    private static Map<String, String> ordered(Map<String, String> options) {
        return new java.util.TreeMap<>(options);   // stable output for diffs and logs
    }

    private static void appendOptions(StringBuilder out, String indent, Map<String, String> options) {
        options.forEach((key, val) -> out.append(indent).append(key).append(" = ").append(value(val)).append('\n'));
    }

    private static String value(String text) {
        return text.matches("[A-Za-z0-9._:/,@=+-]+") ? text : quoted(text);
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }

    /** Builds a {@link Connection}. */
    public static final class ConnectionBuilder {
        private final String name;
        private final Map<String, String> options = new LinkedHashMap<>();
        private final Map<String, String> local = new LinkedHashMap<>(Map.of("auth", "psk"));
        private final Map<String, String> remote = new LinkedHashMap<>(Map.of("auth", "psk"));
        private final List<Child> children = new ArrayList<>();

        private ConnectionBuilder(String name) {
            this.name = name;
        }

        /** IKE version: 1, 2, or 0 for either. */
        public ConnectionBuilder version(int version) {
            return option("version", Integer.toString(version));
        }

        public ConnectionBuilder localAddrs(String addresses) {
            return option("local_addrs", addresses);
        }

        public ConnectionBuilder remoteAddrs(String addresses) {
            return option("remote_addrs", addresses);
        }

        public ConnectionBuilder localPort(int port) {
            return option("local_port", Integer.toString(port));
        }

        public ConnectionBuilder remotePort(int port) {
            return option("remote_port", Integer.toString(port));
        }

        /** IKE proposals, e.g. {@code aes128-sha256-x25519} or {@code 3des-md5-modp1024}. */
        public ConnectionBuilder proposals(String proposals) {
            return option("proposals", proposals);
        }

        /** IKEv1 Aggressive Mode instead of Main Mode. */
        public ConnectionBuilder aggressive(boolean aggressive) {
            return option("aggressive", aggressive ? "yes" : "no");
        }

        /** Forces UDP encapsulation of ESP even without NAT. */
        public ConnectionBuilder encap(boolean encap) {
            return option("encap", encap ? "yes" : "no");
        }

        public ConnectionBuilder mobike(boolean mobike) {
            return option("mobike", mobike ? "yes" : "no");
        }

        public ConnectionBuilder dpdDelay(Duration delay) {
            return option("dpd_delay", seconds(delay));
        }

        public ConnectionBuilder rekeyTime(Duration time) {
            return option("rekey_time", seconds(time));
        }

        public ConnectionBuilder reauthTime(Duration time) {
            return option("reauth_time", seconds(time));
        }

        public ConnectionBuilder overTime(Duration time) {
            return option("over_time", seconds(time));
        }

        public ConnectionBuilder keyingTries(int tries) {
            return option("keyingtries", Integer.toString(tries));
        }

        /** Our identity (local.id). */
        public ConnectionBuilder localId(String id) {
            local.put("id", id);
            return this;
        }

        /** The identity we expect from the peer (remote.id). */
        public ConnectionBuilder remoteId(String id) {
            remote.put("id", id);
            return this;
        }

        /** Any option of the {@code local} section (e.g. {@code auth}). */
        public ConnectionBuilder localOption(String key, String value) {
            local.put(key, value);
            return this;
        }

        /** Any option of the {@code remote} section. */
        public ConnectionBuilder remoteOption(String key, String value) {
            remote.put(key, value);
            return this;
        }

        /** Any option of the connection itself. */
        public ConnectionBuilder option(String key, String value) {
            options.put(key, value);
            return this;
        }

        public ConnectionBuilder child(ChildBuilder child) {
            children.add(child.build());
            return this;
        }

        public Connection build() {
            return new Connection(name, options, local, remote, children);
        }
    }

    /** Builds a {@link Child}. */
    public static final class ChildBuilder {
        private final String name;
        private final Map<String, String> options = new LinkedHashMap<>();

        private ChildBuilder(String name) {
            this.name = name;
        }

        public ChildBuilder localTs(String trafficSelectors) {
            return option("local_ts", trafficSelectors);
        }

        public ChildBuilder remoteTs(String trafficSelectors) {
            return option("remote_ts", trafficSelectors);
        }

        /** ESP proposals, e.g. {@code aes128-sha1} (no DH group: no PFS). */
        public ChildBuilder espProposals(String proposals) {
            return option("esp_proposals", proposals);
        }

        public ChildBuilder rekeyTime(Duration time) {
            return option("rekey_time", seconds(time));
        }

        public ChildBuilder lifeTime(Duration time) {
            return option("life_time", seconds(time));
        }

        /** {@code none}, {@code trap} or {@code start}. */
        public ChildBuilder startAction(String action) {
            return option("start_action", action);
        }

        public ChildBuilder closeAction(String action) {
            return option("close_action", action);
        }

        public ChildBuilder dpdAction(String action) {
            return option("dpd_action", action);
        }

        /** {@code tunnel} or {@code transport}. */
        public ChildBuilder mode(String mode) {
            return option("mode", mode);
        }

        /** Any option of the child. */
        public ChildBuilder option(String key, String value) {
            options.put(key, value);
            return this;
        }

        public Child build() {
            return new Child(name, options);
        }
    }
}
