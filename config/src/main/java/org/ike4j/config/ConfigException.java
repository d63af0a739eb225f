package org.ike4j.config;

import java.util.List;

/**
 * A configuration error at a known place. Front ends throw it internally to abandon the item
 * being read (one connection, one secret) and turn it into a {@link Problem}; callers who want an
 * all-or-nothing load get it from {@link Configuration#requireNoErrors()}.
 */
public final class ConfigException extends Exception {
    private final transient List<Problem> problems;

    public ConfigException(SourceLocation at, String message) {
        this(List.of(Problem.error(at, message)));
    }

    public ConfigException(List<Problem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The first problem: the place and text of the error. */
    public Problem problem() {
        return problems.getFirst();
    }

    private static String render(List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(p);
        }
        return sb.toString();
    }
}
