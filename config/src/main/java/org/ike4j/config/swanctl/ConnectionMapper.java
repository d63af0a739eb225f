package org.ike4j.config.swanctl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Connection;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.Problem;
import org.ike4j.config.SourceLocation;
import org.ike4j.config.swanctl.SettingsSection.Value;

/**
 * Maps one {@code connections.<conn>} section of swanctl.conf(5) onto the model. Defaults are
 * those swanctl.conf(5) of strongSwan 5.9 documents (its "SETTINGS" list, value in brackets),
 * named where they are applied.
 *
 * <p>The model has one Child SA configuration per {@link Connection}, while a swanctl connection
 * has any number of children: each child becomes a connection of its own that carries the IKE
 * settings of its swanctl connection, named after the connection when it has one child and
 * {@code conn/child} when it has several. An error in the IKE settings refuses every child; an
 * error in a child refuses that child only.
 */
final class ConnectionMapper {
    /** swanctl.conf(5) connection keys that ike4j maps. */
    private static final Set<String> MAPPED = Set.of("version", "local_addrs", "remote_addrs", "local_port",
            "remote_port", "proposals", "aggressive", "encap", "mobike", "dpd_delay", "dpd_timeout", "keyingtries",
            "rekey_time", "reauth_time", "over_time", "rand_time", "fragmentation", "unique");
    /** Valid swanctl.conf(5) connection keys that ike4j does not use: noted. */
    private static final Set<String> ACCEPTED = Set.of("vips", "pull", "dscp", "childless", "send_certreq",
            "send_cert", "ppk_id", "ppk_required", "pools", "if_id_in", "if_id_out", "mediation", "mediated_by",
            "mediation_peer");

    private final String name;
    private final SettingsSection conn;
    private final Diagnostics notes;
    private final Map<String, SourceLocation> locations;
    private final Set<Problem> errors = new LinkedHashSet<>();

    // The IKE settings, shared by every child.
    private final IkeSettings ike;

    ConnectionMapper(SettingsSection conn, Diagnostics notes, Map<String, SourceLocation> locations) {
        this.name = conn.name;
        this.conn = conn;
        this.notes = notes;
        this.locations = locations;
        this.ike = new IkeSettings(conn, notes, errors);
    }

    /** Maps the connection: one {@link Connection} per child that has no error. */
    List<Connection> map() throws ConfigException {
        List<Problem> syntax = conn.allSyntaxErrors();
        if (!syntax.isEmpty()) {
            throw new ConfigException(syntax);
        }
        for (Value v : conn.values.values()) {
            if (ACCEPTED.contains(v.key())) {
                notes.note(v.keyLocation(), "'" + v.key() + "' is accepted but not used by ike4j");
            } else if (!MAPPED.contains(v.key())) {
                errors.add(Problem.error(v.keyLocation(), "unknown key '" + v.key() + "' in connection " + name
                        + " (see swanctl.conf(5))"));
            }
        }
        SettingsSection children = null;
        for (SettingsSection s : conn.sections.values()) {
            if (s.name.equals("children")) {
                children = s;
            } else if (!s.name.startsWith("local") && !s.name.startsWith("remote")) {
                errors.add(Problem.error(s.location, "unknown section '" + s.name + "' in connection " + name
                        + " (expected local, remote or children)"));
            }
        }
        ike.read();
        if (children == null || children.sections.isEmpty()) {
            errors.add(Problem.error(children == null ? conn.location : children.location, "connection " + name
                    + " has no children: ike4j negotiates an IKE SA only along with a Child SA"));
        }
        for (Value v : children == null ? List.<Value>of() : children.values.values()) {
            errors.add(Problem.error(v.keyLocation(), "expected a child section in 'children', found key '"
                    + v.key() + "'"));
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(List.copyOf(errors));
        }
        locations.put("conn " + name, conn.location);
        List<Connection> out = new ArrayList<>();
        boolean several = children.sections.size() > 1;
        for (SettingsSection child : children.sections.values()) {
            String modelName = several ? name + "/" + child.name : name;
            try {
                out.add(new ChildMapper(modelName, child, ike, notes).map());
                locations.put("conn " + modelName, several ? child.location : conn.location);
                for (Value v : conn.values.values()) {
                    locations.put("conn " + modelName + " " + v.key(), v.keyLocation());
                }
                for (Value v : child.values.values()) {
                    locations.put("conn " + modelName + " " + v.key(), v.keyLocation());
                }
            } catch (ConfigException e) {
                e.problems().forEach(notes::add);
                notes.error(child.location, "child " + child.name + " of connection " + name + " refused");
            }
        }
        return out;
    }
}
