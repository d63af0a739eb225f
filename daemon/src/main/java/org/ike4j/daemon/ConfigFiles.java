package org.ike4j.daemon;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.GlobalSettings;
import org.ike4j.config.Problem;
import org.ike4j.config.Secrets;
import org.ike4j.config.SourceLocation;
import org.ike4j.config.junos.JunosLoader;
import org.ike4j.config.strongswan.StrongSwanLoader;
import org.ike4j.config.swanctl.SwanctlLoader;

/**
 * Reads the daemon's configuration files, each recognised by its content rather than its name:
 * strongSwan's ipsec.conf (sections {@code config setup}, {@code conn NAME}, {@code ca NAME}),
 * ipsec.secrets (lines {@code ... : PSK "..."}), swanctl.conf (a {@code connections} or
 * {@code secrets} section at the top) and Junos configurations (brace form or set commands). Several files merge into one {@link Configuration}; a connection defined twice is an
 * error at its second place.
 */
public final class ConfigFiles {

    /** The kinds of configuration file the daemon reads. */
    public enum Kind { IPSEC_CONF, IPSEC_SECRETS, JUNOS, SWANCTL_CONF }

    private static final Pattern CONF_SECTION =
            Pattern.compile("(?m)^(conn|ca)[ \\t]+[^\\s{]+[ \\t]*(#.*)?$|^config[ \\t]+setup[ \\t]*(#.*)?$");
    private static final Pattern SECRET = Pattern.compile(
            "(?m)(^|[ \\t]):[ \\t]*(PSK|RSA|ECDSA|BLISS|PKCS8|PKCS12|P12|PIN|EAP|NTLM|XAUTH|XAUTH_PSK)[ \\t]");
    /**
     * swanctl.conf: a top-level {@code connections} or {@code secrets} section (maybe with
     * references, maybe with its brace on the next line), which no Junos configuration has.
     */
    private static final Pattern SWANCTL_SECTION =
            Pattern.compile("(?m)^[ \\t]*(connections|secrets)[ \\t]*(:[^{\\n]*)?(\\r?\\n[ \\t]*)?\\{");
    private static final Pattern JUNOS_SET = Pattern.compile("(?m)^[ \\t]*(set|deactivate)[ \\t]+\\S");
    private static final Pattern JUNOS_BRACE = Pattern.compile("(?m)^[ \\t]*[A-Za-z][\\w-]*([ \\t]+[^\\s{;]+)*[ \\t]*\\{[ \\t]*$");

    private ConfigFiles() {
    }

    /** What kind of file this text is, or null if it is none the daemon reads. */
    public static Kind recognise(String text) {
        String body = stripComments(text);
        if (SWANCTL_SECTION.matcher(body).find()) {
            return Kind.SWANCTL_CONF;
        }
        if (CONF_SECTION.matcher(body).find()) {
            return Kind.IPSEC_CONF;
        }
        if (SECRET.matcher(body).find()) {
            return Kind.IPSEC_SECRETS;
        }
        if (JUNOS_SET.matcher(body).find() || JUNOS_BRACE.matcher(body).find()) {
            return Kind.JUNOS;
        }
        return null;
    }

    private static String stripComments(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^[ \\t]*#.*$", "");
    }

    /**
     * Loads and merges the files. Problems (errors and notes, with file:line:column) are in the
     * result; a file that cannot be read or recognised is an error at its line 0.
     *
     * @param localAddresses the host's addresses, to tell which side of an ipsec.conf conn is local
     */
    public static Configuration load(List<Path> files, Set<InetAddress> localAddresses) {
        List<Problem> problems = new ArrayList<>();
        Map<Path, Kind> kinds = new LinkedHashMap<>();
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException | java.io.UncheckedIOException e) {
                problems.add(Problem.error(new SourceLocation(f.toString(), 0, 0), "cannot read: " + e.getMessage()));
                continue;
            }
            Kind kind = recognise(text);
            if (kind == null) {
                problems.add(Problem.error(new SourceLocation(f.toString(), 1, 1),
                        "not recognised as ipsec.conf, ipsec.secrets, swanctl.conf or a Junos configuration"));
                continue;
            }
            kinds.put(f, kind);
        }
        List<Path> confs = kinds.keySet().stream().filter(f -> kinds.get(f) == Kind.IPSEC_CONF).toList();
        List<Path> secrets = kinds.keySet().stream().filter(f -> kinds.get(f) == Kind.IPSEC_SECRETS).toList();
        StrongSwanLoader ss = new StrongSwanLoader(localAddresses);
        List<Configuration> parts = new ArrayList<>();
        // in the order given, so that status lists connections as the files do
        for (Map.Entry<Path, Kind> e : kinds.entrySet()) {
            Path f = e.getKey();
            switch (e.getValue()) {
                case JUNOS -> parts.add(new JunosLoader().load(f));
                case SWANCTL_CONF -> parts.add(new SwanctlLoader().load(f));
                case IPSEC_CONF -> parts.add(ss.load(f, f.equals(confs.getFirst()) && !secrets.isEmpty()
                        ? secrets.getFirst() : null));
                case IPSEC_SECRETS -> {
                    if (confs.isEmpty()) {
                        problems.add(Problem.note(new SourceLocation(f.toString(), 0, 0),
                                "ipsec.secrets without an ipsec.conf: its keys are not used"));
                    } else if (!f.equals(secrets.getFirst())) {
                        // The strongSwan loader reads secrets only along with an ipsec.conf: read the
                        // first again and keep just the secrets and what was said about this file.
                        Configuration c = ss.load(confs.getFirst(), f);
                        List<Problem> own = c.problems().stream()
                                .filter(p -> p.location().file().equals(f.toString())).toList();
                        parts.add(new Configuration(Map.of(), c.secrets(), GlobalSettings.EMPTY, Map.of(), own));
                    }
                }
            }
        }
        return merge(parts, problems);
    }

    private static Configuration merge(List<Configuration> parts, List<Problem> problems) {
        Map<String, Connection> connections = new LinkedHashMap<>();
        Map<String, SourceLocation> locations = new LinkedHashMap<>();
        Secrets secrets = Secrets.EMPTY;
        Map<String, String> debug = new LinkedHashMap<>();
        Map<String, String> other = new LinkedHashMap<>();
        List<Problem> all = new ArrayList<>(problems);
        for (Configuration c : parts) {
            all.addAll(c.problems());
            for (Connection conn : c.connections().values()) {
                String key = "conn " + conn.name();
                if (connections.containsKey(conn.name())) {
                    all.add(Problem.error(c.locations().getOrDefault(key, SourceLocation.NONE), "connection "
                            + conn.name() + " is defined twice (first at " + locations.get(key) + ")"));
                    continue;
                }
                connections.put(conn.name(), conn);
            }
            c.locations().forEach(locations::putIfAbsent);
            secrets = secrets.plus(c.secrets());
            debug.putAll(c.settings().debug());
            other.putAll(c.settings().other());
        }
        return new Configuration(connections, secrets, new GlobalSettings(debug, other), locations, all);
    }

    /** The host's interface addresses (and loopback), for the strongSwan loader. */
    public static Set<InetAddress> hostAddresses() {
        Set<InetAddress> out = new HashSet<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                out.addAll(Collections.list(ni.getInetAddresses()));
            }
        } catch (SocketException e) {
            // no interfaces to be found: the loader then takes left as local
        }
        return out;
    }
}
