package org.ike4j.config.swanctl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ike4j.config.Problem;
import org.ike4j.config.SourceLocation;

/**
 * One section of a file in strongSwan's settings syntax (strongswan.conf(5), which swanctl.conf(5)
 * uses): values by key and subsections by name, both in the order first written. A section written
 * twice, or extended by an included file, is one section; a later value replaces an earlier one.
 *
 * <p>Only the parser and the mappers of this package change a section, while the file is read and
 * references are resolved; nothing outside the package sees one.
 */
final class SettingsSection {

    /** One {@code key = value}; an empty value means "the default". */
    record Value(String key, String value, SourceLocation keyLocation, SourceLocation valueLocation) {
    }

    /** A reference {@code name : other.section} to a section whose settings this one inherits. */
    record Reference(String path, SourceLocation location) {
    }

    final String name;
    /** Where the section was first opened. */
    final SourceLocation location;
    final Map<String, Value> values = new LinkedHashMap<>();
    final Map<String, SettingsSection> sections = new LinkedHashMap<>();
    final List<Reference> references = new ArrayList<>();
    /** Syntax errors found inside this section (not in its subsections). */
    final List<Problem> syntaxErrors = new ArrayList<>();

    SettingsSection(String name, SourceLocation location) {
        this.name = name;
        this.location = location;
    }

    SettingsSection section(String child, SourceLocation at) {
        return sections.computeIfAbsent(child, n -> new SettingsSection(n, at));
    }

    /** The value of {@code key}, or null when absent or empty (both mean the default). */
    Value get(String key) {
        Value v = values.get(key);
        return v == null || v.value().isEmpty() ? null : v;
    }

    /** Syntax errors in this section and every subsection. */
    List<Problem> allSyntaxErrors() {
        List<Problem> out = new ArrayList<>(syntaxErrors);
        for (SettingsSection s : sections.values()) {
            out.addAll(s.allSyntaxErrors());
        }
        return out;
    }

    /** The section at a dot-separated path below this one, or null. */
    SettingsSection find(String path) {
        SettingsSection s = this;
        for (String part : path.split("\\.")) {
            s = s.sections.get(part);
            if (s == null) {
                return null;
            }
        }
        return s;
    }
}
