package org.ike4j.config.swanctl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.GlobalSettings;
import org.ike4j.config.Secrets;
import org.ike4j.config.SharedKey;
import org.ike4j.config.SourceLocation;

/**
 * Loads strongSwan's swanctl.conf(5) onto the configuration model: the {@code connections} and
 * {@code secrets} sections (after includes and section references), each connection with its
 * children (one model connection per child, see {@link ConnectionMapper}), each IKE secret as a
 * {@link SharedKey}. A connection with an error is refused with its errors, naming
 * file:line:column, and the others still load. {@code pools} and {@code authorities} are noted
 * and skipped; other top-level sections are taken as templates for references.
 */
public final class SwanctlLoader {

    public Configuration load(Path file) {
        Diagnostics d = new Diagnostics();
        SettingsSection root = new SettingsSection("", new SourceLocation(file.toString(), 0, 0));
        new SettingsParser(d).readFile(file, new SourceLocation(file.toString(), 0, 0), root, 0);
        return assemble(root, d);
    }

    /** Loads swanctl.conf text named {@code fileName}; includes are relative to {@code baseDir} (may be null). */
    public Configuration parse(String fileName, String text, Path baseDir) {
        Diagnostics d = new Diagnostics();
        SettingsSection root = new SettingsSection("", new SourceLocation(fileName, 0, 0));
        new SettingsParser(d).read(fileName, text, baseDir, root, 0);
        return assemble(root, d);
    }

    private static Configuration assemble(SettingsSection root, Diagnostics d) {
        SectionReferences refs = new SectionReferences(root, d);
        Map<String, SourceLocation> locations = new LinkedHashMap<>();
        Map<String, Connection> connections = new LinkedHashMap<>();
        List<SharedKey> keys = new ArrayList<>();
        for (SettingsSection.Value v : root.values.values()) {
            d.note(v.keyLocation(), "top-level key '" + v.key() + "' is ignored (swanctl.conf has sections only)");
        }
        for (SettingsSection top : root.sections.values()) {
            switch (top.name) {
                case "connections" -> {
                    SettingsSection conns = refs.resolve(top);
                    for (SettingsSection.Value v : conns.values.values()) {
                        d.error(v.keyLocation(), "expected a connection section in 'connections', found key '"
                                + v.key() + "'");
                    }
                    for (SettingsSection conn : conns.sections.values()) {
                        connection(conn, connections, locations, d);
                    }
                }
                case "secrets" -> keys.addAll(SecretsMapper.map(refs.resolve(top), d, locations));
                case "pools", "authorities" -> d.note(top.location, "'" + top.name
                        + "' is not supported yet and is skipped");
                default -> {
                    // a template for section references (strongswan.conf(5)), used only through them
                }
            }
        }
        return new Configuration(connections, new Secrets(keys), GlobalSettings.EMPTY, locations, d.problems());
    }

    private static void connection(SettingsSection conn, Map<String, Connection> out,
                                   Map<String, SourceLocation> locations, Diagnostics d) {
        Map<String, SourceLocation> own = new LinkedHashMap<>();
        try {
            for (Connection c : new ConnectionMapper(conn, d, own).map()) {
                if (out.containsKey(c.name())) {
                    d.error(own.getOrDefault("conn " + c.name(), conn.location), "connection " + c.name()
                            + " is defined twice (first at " + locations.get("conn " + c.name()) + ")");
                    continue;
                }
                out.put(c.name(), c);
            }
            own.forEach(locations::putIfAbsent);
        } catch (ConfigException e) {
            e.problems().forEach(d::add);
            d.error(conn.location, "connection " + conn.name + " refused");
        }
    }
}
