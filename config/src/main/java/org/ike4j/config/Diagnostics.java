package org.ike4j.config;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while a front end reads; the result is copied into the {@link Configuration}. */
public final class Diagnostics {
    private final List<Problem> problems = new ArrayList<>();

    public void error(SourceLocation at, String message) {
        problems.add(Problem.error(at, message));
    }

    public void note(SourceLocation at, String message) {
        problems.add(Problem.note(at, message));
    }

    public void add(Problem p) {
        problems.add(p);
    }

    public void addAll(List<Problem> ps) {
        problems.addAll(ps);
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }
}
