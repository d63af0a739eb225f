package org.ike4j.config.strongswan;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.GlobalSettings;
import org.ike4j.config.Secrets;
import org.ike4j.config.SourceLocation;
import org.ike4j.config.strongswan.Section.Setting;

/**
 * Loads strongSwan's ipsec.conf(5) and ipsec.secrets(5) onto the configuration model.
 *
 * <p>Section semantics: {@code conn %default} settings apply to every conn; {@code also=NAME}
 * pulls in the settings of conn NAME (recursively) where the conn does not set them itself; a
 * key with an empty value resets it to its default. A conn with any error is refused, with its
 * errors reported, and the other conns still load.
 *
 * <p>Which side is local: {@code left} unless only {@code right} is one of
 * {@code localAddresses} (strongSwan looks at the host's interfaces; ike4j is told them).
 */
public final class StrongSwanLoader {
    private final Set<InetAddress> localAddresses;

    public StrongSwanLoader(Set<InetAddress> localAddresses) {
        this.localAddresses = Set.copyOf(localAddresses);
    }

    /** Loads ipsec.conf and, unless null, ipsec.secrets. */
    public Configuration load(Path ipsecConf, Path ipsecSecrets) {
        Diagnostics d = new Diagnostics();
        IpsecConfReader reader = new IpsecConfReader(d);
        reader.readFile(ipsecConf, new SourceLocation(ipsecConf.toString(), 0, 0), 0);
        Secrets secrets = Secrets.EMPTY;
        Map<String, SourceLocation> locations = new LinkedHashMap<>();
        if (ipsecSecrets != null) {
            IpsecSecretsReader sr = new IpsecSecretsReader(d);
            sr.readFile(ipsecSecrets, new SourceLocation(ipsecSecrets.toString(), 0, 0), 0);
            secrets = sr.secrets();
            for (int i = 0; i < sr.locations().size(); i++) {
                locations.put("secret " + i, sr.locations().get(i));
            }
        }
        return assemble(reader.sections(), secrets, locations, d);
    }

    /**
     * Loads an ipsec.secrets file alone: a configuration with no connections, only its secrets
     * (and any problems, with file:line:column), for merging with connections from other files.
     */
    public Configuration loadSecrets(Path ipsecSecrets) {
        Diagnostics d = new Diagnostics();
        IpsecSecretsReader sr = new IpsecSecretsReader(d);
        sr.readFile(ipsecSecrets, new SourceLocation(ipsecSecrets.toString(), 0, 0), 0);
        Map<String, SourceLocation> locations = new LinkedHashMap<>();
        for (int i = 0; i < sr.locations().size(); i++) {
            locations.put("secret " + i, sr.locations().get(i));
        }
        return assemble(List.of(), sr.secrets(), locations, d);
    }

    /** Loads ipsec.conf text (includes relative to {@code baseDir}); no secrets. */
    public Configuration parse(String fileName, String text, Path baseDir) {
        Diagnostics d = new Diagnostics();
        IpsecConfReader reader = new IpsecConfReader(d);
        reader.read(fileName, text, baseDir, 0);
        return assemble(reader.sections(), Secrets.EMPTY, new LinkedHashMap<>(), d);
    }

    private Configuration assemble(List<Section> sections, Secrets secrets, Map<String, SourceLocation> locations,
                                   Diagnostics d) {
        Map<String, String> debug = new LinkedHashMap<>();
        Map<String, String> other = new LinkedHashMap<>();
        List<Setting> defaults = new ArrayList<>();
        Map<String, Section> conns = new LinkedHashMap<>();
        for (Section s : sections) {
            switch (s.kind()) {
                case CONFIG -> setup(s, debug, other, d);
                case CA -> d.note(s.location(), "ca sections are not supported yet; 'ca " + s.name() + "' is skipped");
                case CONN -> {
                    if (s.name().equals("%default")) {
                        defaults.addAll(s.settings());
                    } else if (conns.containsKey(s.name())) {
                        d.error(s.location(), "conn " + s.name() + " is defined twice (first at "
                                + conns.get(s.name()).location() + ")");
                    } else {
                        conns.put(s.name(), s);
                    }
                }
            }
        }
        Map<String, Connection> out = new LinkedHashMap<>();
        for (Section s : conns.values()) {
            locations.put("conn " + s.name(), s.location());
            try {
                Map<String, Setting> effective = new LinkedHashMap<>();
                apply(effective, defaults);
                merge(effective, s, conns, new HashSet<>());
                for (Setting st : effective.values()) {
                    locations.put("conn " + s.name() + " " + st.key(), st.keyLocation());
                }
                Connection conn = new ConnMapper(s.name(), s.location(), effective, localAddresses, d).map();
                if (conn != null) {
                    out.put(s.name(), conn);
                }
            } catch (ConfigException e) {
                e.problems().forEach(d::add);
                d.error(s.location(), "conn " + s.name() + " refused");
            }
        }
        return new Configuration(out, secrets, new GlobalSettings(debug, other), locations, d.problems());
    }

    /** Adds {@code section}'s settings over {@code into}: first those of its also= sections, then its own. */
    private void merge(Map<String, Setting> into, Section section, Map<String, Section> conns, Set<String> visiting)
            throws ConfigException {
        if (!visiting.add(section.name())) {
            throw new ConfigException(section.location(), "also= loop through conn " + section.name());
        }
        for (Setting s : section.settings()) {
            if (s.key().equals("also")) {
                for (String ref : s.value().strip().split("\\s+")) {
                    Section target = conns.get(ref);
                    if (target == null) {
                        throw new ConfigException(s.valueLocation(), "also=" + ref + " names no conn section");
                    }
                    merge(into, target, conns, visiting);
                }
            }
        }
        List<Setting> own = section.settings().stream().filter(s -> !s.key().equals("also")).toList();
        apply(into, own);
        visiting.remove(section.name());
    }

    private static void apply(Map<String, Setting> into, List<Setting> settings) {
        for (Setting s : settings) {
            into.remove(s.key()); // keep the order of the last assignment
            boolean known = ConnKeys.MAPPED.contains(s.key()) || ConnKeys.ACCEPTED.contains(s.key());
            if (!s.value().isEmpty() || !known) { // unknown keys stay, to be reported even when empty
                into.put(s.key(), s);
            }
        }
    }

    private static void setup(Section s, Map<String, String> debug, Map<String, String> other, Diagnostics d) {
        for (Setting st : s.settings()) {
            String key = st.key();
            if (ConnKeys.SETUP_OBSOLETE.contains(key)) {
                d.note(st.keyLocation(), "'" + key + "' is an obsolete pluto setting, accepted and ignored");
                if (key.equals("plutodebug")) {
                    debug.put("pluto", st.value());
                } else {
                    other.put(key, st.value());
                }
            } else if (key.equals("charondebug")) {
                for (String part : st.value().split(",")) {
                    String[] kv = part.strip().split("\\s+");
                    if (kv.length != 2 || !kv[1].matches("-?[0-4]")) {
                        d.error(st.valueLocation(), "expected 'subsystem level' pairs (level -1..4) in charondebug, found '"
                                + part.strip() + "'");
                        continue;
                    }
                    debug.put(kv[0], kv[1]);
                }
            } else if (ConnKeys.SETUP.contains(key)) {
                other.put(key, st.value());
            } else {
                d.error(st.keyLocation(), "unknown key '" + key + "' in config setup");
            }
        }
    }
}
