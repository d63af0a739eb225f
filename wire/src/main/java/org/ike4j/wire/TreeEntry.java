package org.ike4j.wire;

/** One line of a {@link Tree}: a field, or a nested structure. */
public sealed interface TreeEntry permits Tree, TreeField {
}
