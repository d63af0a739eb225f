package org.ike4j.config.swanctl;

import java.util.HashSet;
import java.util.Set;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.Problem;

/**
 * Resolves section references ({@code conn-a : conn-defaults, connections.conn-b { ... }}) as
 * strongswan.conf(5) "REFERENCING OTHER SECTIONS" describes them: a section inherits every value
 * and subsection of the sections it names by absolute path, left to right, unless it sets them
 * itself (an empty value included); inherited subsections merge with its own. References are
 * looked up after all files are read, so they may point forward or into included files.
 */
final class SectionReferences {
    private final SettingsSection root;
    private final Diagnostics diagnostics;

    SectionReferences(SettingsSection root, Diagnostics diagnostics) {
        this.root = root;
        this.diagnostics = diagnostics;
    }

    /** A copy of {@code s} with all references below it resolved. */
    SettingsSection resolve(SettingsSection s) {
        return resolve(s, new HashSet<>());
    }

    private SettingsSection resolve(SettingsSection s, Set<SettingsSection> visiting) {
        SettingsSection out = new SettingsSection(s.name, s.location);
        out.syntaxErrors.addAll(s.syntaxErrors);
        out.values.putAll(s.values);
        if (!visiting.add(s)) {
            fail(out, Problem.error(s.location, "section '" + s.name + "' inherits from itself (a reference loop)"));
            return out;
        }
        for (SettingsSection child : s.sections.values()) {
            out.sections.put(child.name, resolve(child, visiting));
        }
        for (SettingsSection.Reference ref : s.references) {
            SettingsSection target = root.find(ref.path());
            if (target == null) {
                fail(out, Problem.error(ref.location(), "no section '" + ref.path() + "' to inherit from"
                        + " (expected an absolute name such as connections.base)"));
                continue;
            }
            inherit(out, resolve(target, visiting));
        }
        visiting.remove(s);
        return out;
    }

    /** Adds what {@code into} does not set itself from {@code from}, subsections merged. */
    private static void inherit(SettingsSection into, SettingsSection from) {
        into.syntaxErrors.addAll(from.syntaxErrors);
        from.values.forEach(into.values::putIfAbsent);
        for (SettingsSection sub : from.sections.values()) {
            SettingsSection own = into.sections.get(sub.name);
            if (own == null) {
                into.sections.put(sub.name, sub);
            } else {
                inherit(own, sub);
            }
        }
    }

    private void fail(SettingsSection in, Problem p) {
        in.syntaxErrors.add(p);
        diagnostics.add(p);
    }
}
