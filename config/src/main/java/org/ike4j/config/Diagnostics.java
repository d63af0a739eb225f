package org.ike4j.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects problems while a front end reads; the result is copied into the {@link Configuration}.
 * The same problem reported twice (a %default setting seen by every conn) is kept once.
 */
public final class Diagnostics {
    private final Set<Problem> problems = new LinkedHashSet<>();

    public void error(SourceLocation at, String message) {
        problems.add(Problem.error(at, message));
    }

    public void note(SourceLocation at, String message) {
        problems.add(Problem.note(at, message));
    }

    public void add(Problem p) {
        problems.add(p);
    }

    public void addAll(java.util.Collection<Problem> ps) {
        problems.addAll(ps);
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }
}
