package org.ike4j.wire;

/** One named value of a {@link Tree}, already rendered as text. */
public record TreeField(String name, String value) implements TreeEntry {
}
