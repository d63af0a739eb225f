package org.ike4j.config;

/**
 * Where an item was read: file (as given to the loader), 1-based line and column. Diagnostics
 * print it as {@code file:line:column}, the form editors and compilers use.
 */
public record SourceLocation(String file, int line, int column) {

    /** For items that were not read from any file (defaults, built-ins). */
    public static final SourceLocation NONE = new SourceLocation("<default>", 0, 0);

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
