package org.ike4j.daemon.log;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.ike4j.engine.Event;

/**
 * Which log lines to write: a level per category, strongSwan-like, from -1 (silent) to 4.
 * An event's level number is its {@link Event.Level} ordinal: 0 ERROR, 1 WARNING, 2 INFO, 3 DEBUG,
 * 4 TRACE; a category set to n shows events numbered n or less. The default is 2 (errors,
 * warnings and what happened), so TRACE lines appear only when asked for.
 *
 * <p>Spec syntax (the {@code --debug} option): {@code all} (every category at 4), a bare level
 * {@code 3} (every category), or a comma list {@code ike=4,net=2,all=1} where {@code all=n} sets
 * the default for categories not named.
 *
 * @param defaultLevel the level of categories not listed
 * @param levels levels by category, lower case
 */
public record DebugSpec(int defaultLevel, Map<String, Integer> levels) {

    /** The categories the daemon and engines use; others are accepted too (engines may add some). */
    public static final java.util.List<String> CATEGORIES =
            java.util.List.of("dmn", "cfg", "net", "ike", "chd", "enc", "knl", "dpd", "natt", "lib");

    public static final int DEFAULT_LEVEL = 2;
    public static final DebugSpec DEFAULT = new DebugSpec(DEFAULT_LEVEL, Map.of());

    public DebugSpec {
        checkLevel(defaultLevel);
        levels.values().forEach(DebugSpec::checkLevel);
        levels = Collections.unmodifiableMap(new TreeMap<>(levels));
    }

    private static void checkLevel(int level) {
        if (level < -1 || level > 4) {
            throw new IllegalArgumentException("debug level " + level + " is not in -1..4");
        }
    }

    /**
     * The levels a configuration asks for, when {@code --debug} does not: pluto's
     * {@code plutodebug} (anything but {@code none} turns on the full trace, as {@code plutodebug=all}
     * did for pluto), strongSwan's {@code charondebug} ({@code ike 2, knl 3}: strongSwan's levels -1..4,
     * -1 shown as 0), and Junos {@code traceoptions} under security ike or ipsec (level 3; with
     * {@code flag all}, the full trace). Empty when the configuration says nothing. Key material is
     * never part of it: that takes {@code --keylog}.
     *
     * @param settings {@code GlobalSettings.debug()}: subsystem to level or flags
     */
    public static java.util.Optional<DebugSpec> fromConfiguration(Map<String, String> settings) {
        int def = -1;
        Map<String, Integer> levels = new TreeMap<>();
        for (var e : settings.entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            String value = e.getValue().strip().toLowerCase(Locale.ROOT);
            if (key.equals("pluto")) {
                if (!value.equals("none") && !value.isEmpty()) {
                    def = 4;
                }
            } else if (key.startsWith("junos-")) {
                def = Math.max(def, value.contains("all") ? 4 : 3);
            } else if (CATEGORIES.contains(key) && value.matches("-?\\d")) {
                levels.put(key, Math.max(0, Math.min(4, Integer.parseInt(value))));
            }
        }
        if (def < 0 && levels.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new DebugSpec(def < 0 ? DEFAULT_LEVEL : def, levels));
    }

    /** Parses a {@code --debug} spec; the message of the exception says what is wrong. */
    public static DebugSpec parse(String spec) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty debug spec");
        }
        if (s.equals("all")) {
            return new DebugSpec(4, Map.of());
        }
        int def = DEFAULT_LEVEL;
        Map<String, Integer> levels = new TreeMap<>();
        for (String part : s.split(",")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq < 0) {
                if (p.matches("-?\\d")) {
                    def = level(p, spec);
                    continue;
                }
                throw new IllegalArgumentException("expected category=level in debug spec, found '" + p + "'");
            }
            String cat = p.substring(0, eq).strip();
            int level = level(p.substring(eq + 1).strip(), spec);
            if (!cat.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("bad category '" + cat + "' in debug spec");
            }
            if (cat.equals("all") || cat.equals("any")) {
                def = level;
            } else {
                levels.put(cat, level);
            }
        }
        return new DebugSpec(def, levels);
    }

    private static int level(String v, String spec) {
        try {
            int n = Integer.parseInt(v);
            checkLevel(n);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad level '" + v + "' in debug spec '" + spec + "' (use -1..4)");
        }
    }

    /** The level set for a category. */
    public int level(String category) {
        return levels.getOrDefault(category.toLowerCase(Locale.ROOT), defaultLevel);
    }

    /** Whether an event of this level in this category is written. */
    public boolean enabled(String category, Event.Level level) {
        return level.ordinal() <= level(category);
    }
}
