package org.ike4j.config.junos;

import java.util.List;
import java.util.Set;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Problem;
import org.ike4j.config.SourceLocation;

/** Reading Junos statements: their values, the allowed alternatives, and references to definitions. */
final class JunosStatements {
    private JunosStatements() {
    }

    // ---- helpers ----

    /** The definition named by a reference like {@code ike-policy P}, or an error at the reference. */
    static JunosNode find(JunosNode root, JunosNode ref, String family, String kind) throws ConfigException {
        JunosNode defs = root.at("security", family, kind);
        JunosNode def = defs == null ? null : defs.child(ref.word());
        if (def == null) {
            throw new ConfigException(ref.location(), "no security " + family + " " + kind + " named '" + ref.word() + "'");
        }
        return def;
    }

    static void allow(JunosNode n, String what, List<Problem> problems, String... statements) {
        Set<String> ok = Set.of(statements);
        for (JunosNode c : n.children()) {
            if (!ok.contains(c.word())) {
                problems.add(Problem.error(c.location(), "unknown statement '" + c.word() + "' in " + what));
            }
        }
    }

    /** The one value of a statement that must be present; {@code what} names the place for the message. */
    static JunosNode required(JunosNode n, String statement, String what, List<Problem> problems) {
        if (n.child(statement) == null) {
            problems.add(Problem.error(n.location(), "expected '" + statement + "' in " + what));
            return null;
        }
        return value(n, statement, true, problems);
    }

    /** The one value of a statement such as {@code address 10.80.80.80}, or null if absent. */
    static JunosNode value(JunosNode n, String statement, boolean required, List<Problem> problems) {
        JunosNode s = n.child(statement);
        if (s == null) {
            if (required) {
                problems.add(Problem.error(n.location(), "expected '" + statement + "' in " + n.word()));
            }
            return null;
        }
        List<JunosNode> values = s.children();
        if (values.size() != 1 || !values.getFirst().children().isEmpty()) {
            problems.add(Problem.error(s.location(), "expected one value after '" + statement + "'"));
            return null;
        }
        return values.getFirst();
    }

    static JunosNode choice(JunosNode n, String statement, List<Problem> problems, String... allowed) {
        JunosNode s = n.child(statement);
        if (s == null) {
            return null;
        }
        List<JunosNode> values = s.children();
        if (values.size() == 1 && values.getFirst().children().isEmpty()) {
            for (String a : allowed) {
                if (a.equals(values.getFirst().word())) {
                    return values.getFirst();
                }
            }
        }
        SourceLocation at = values.isEmpty() ? s.location() : values.getFirst().location();
        String found = values.isEmpty() ? "" : ", found '" + values.getFirst().word() + "'";
        String why = !values.isEmpty() && JunosValues.UNSUPPORTED.contains(values.getFirst().word())
                ? " ('" + values.getFirst().word() + "' is not supported by ike4j)" : "";
        problems.add(Problem.error(at, "expected one of " + String.join(", ", allowed) + " after '" + statement + "'"
                + found + why));
        return null;
    }

    static int number(JunosNode v, String statement, int min, int max, List<Problem> problems) {
        try {
            return JunosValues.number(v, statement, min, max);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return min;
        }
    }

    static String[] sorted(Set<String> s) {
        return s.stream().sorted().toArray(String[]::new);
    }
}
