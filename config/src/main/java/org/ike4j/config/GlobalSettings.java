package org.ike4j.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * Settings outside any connection. {@code debug} maps a subsystem (strongSwan's charondebug
 * categories, "pluto" for plutodebug, "junos-ike" for Junos traceoptions) to its level or flags,
 * as written; {@code other} keeps the remaining values that were accepted, by name.
 */
public record GlobalSettings(Map<String, String> debug, Map<String, String> other) {

    public static final GlobalSettings EMPTY = new GlobalSettings(Map.of(), Map.of());

    public GlobalSettings {
        debug = java.util.Collections.unmodifiableMap(new TreeMap<>(debug));
        other = java.util.Collections.unmodifiableMap(new TreeMap<>(other));
    }
}
