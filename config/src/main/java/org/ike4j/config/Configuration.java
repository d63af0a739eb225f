package org.ike4j.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded configuration: the connections that loaded (by name, in file order), the secrets, the
 * global settings, where each item was read ({@code locations}: keys such as
 * {@code "conn srx-13"}, {@code "conn srx-13 ike"}, {@code "secret 0"}), and every problem
 * found. A connection with an error is left out and its error is in {@code problems}.
 *
 * <p>Two configurations from different files describing the same thing have equal
 * {@code connections()}, {@code secrets()} and {@code settings()}; only locations differ.
 */
public record Configuration(Map<String, Connection> connections, Secrets secrets, GlobalSettings settings,
                            Map<String, SourceLocation> locations, List<Problem> problems) {

    public Configuration {
        connections = Collections.unmodifiableMap(new LinkedHashMap<>(connections));
        locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations));
        problems = List.copyOf(problems);
    }

    public Optional<Connection> connection(String name) {
        return Optional.ofNullable(connections.get(name));
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> notes() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** This configuration, or an exception listing every error if there was one. */
    public Configuration requireNoErrors() throws ConfigException {
        List<Problem> errors = errors();
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return this;
    }
}
