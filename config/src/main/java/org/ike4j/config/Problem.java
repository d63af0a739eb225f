package org.ike4j.config;

/**
 * One diagnostic from loading a configuration. An {@link Severity#ERROR} refuses the item it
 * belongs to (a connection, a secret line) while the rest still loads; a {@link Severity#NOTE}
 * records something accepted but ignored or interpreted (obsolete keys, skipped Junos stanzas).
 */
public record Problem(Severity severity, SourceLocation location, String message) {

    public enum Severity { ERROR, NOTE }

    public static Problem error(SourceLocation at, String message) {
        return new Problem(Severity.ERROR, at, message);
    }

    public static Problem note(SourceLocation at, String message) {
        return new Problem(Severity.NOTE, at, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return location + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
