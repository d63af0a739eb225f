package org.ike4j.config.junos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ike4j.config.SourceLocation;

/**
 * The Junos configuration as one tree of words, whichever form it came in: the brace statement
 * {@code proposal P { dh-group group2; }} and the command {@code set ... proposal P dh-group group2}
 * both give the path proposal &rarr; P &rarr; dh-group &rarr; group2. A node remembers where its
 * word first appeared and whether it was deactivated ({@code inactive:} or {@code deactivate}).
 */
final class JunosNode {
    private final String word;
    private final SourceLocation location;
    private final Map<String, JunosNode> children = new LinkedHashMap<>();
    private boolean inactive;

    JunosNode(String word, SourceLocation location) {
        this.word = word;
        this.location = location;
    }

    String word() {
        return word;
    }

    SourceLocation location() {
        return location;
    }

    boolean inactive() {
        return inactive;
    }

    void deactivate() {
        inactive = true;
    }

    /** The child for {@code word}, created at {@code at} if new. */
    JunosNode add(String word, SourceLocation at) {
        return children.computeIfAbsent(word, w -> new JunosNode(w, at));
    }

    /**
     * Before a single-valued statement gets {@code value}: drop a previous, different leaf value
     * (a child without children of its own), as a repeated Junos {@code set} replaces it.
     */
    void replaceLeaf(String value) {
        children.values().removeIf(c -> !c.word.equals(value) && c.children.isEmpty());
    }

    /** Before choosing alternative {@code word} of a choice statement: drop the other alternatives. */
    void replaceAllBut(String word) {
        children.keySet().removeIf(w -> !w.equals(word));
    }

    /** The active child named {@code word}, or null. */
    JunosNode child(String word) {
        JunosNode n = children.get(word);
        return n == null || n.inactive ? null : n;
    }

    /** The active children, in order. */
    List<JunosNode> children() {
        List<JunosNode> out = new ArrayList<>();
        for (JunosNode n : children.values()) {
            if (!n.inactive) {
                out.add(n);
            }
        }
        return out;
    }

    /** All children, including deactivated ones. */
    List<JunosNode> allChildren() {
        return List.copyOf(children.values());
    }

    /** The node at the end of {@code path}, or null. */
    JunosNode at(String... path) {
        JunosNode n = this;
        for (String w : path) {
            n = n.child(w);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    /** Structural comparison (words, order-independent children, inactive flags), without locations. */
    boolean sameTree(JunosNode other) {
        if (!word.equals(other.word) || inactive != other.inactive || children.size() != other.children.size()) {
            return false;
        }
        for (Map.Entry<String, JunosNode> e : children.entrySet()) {
            JunosNode o = other.children.get(e.getKey());
            if (o == null || !e.getValue().sameTree(o)) {
                return false;
            }
        }
        return true;
    }

    /** The word and where it is, never the values below it (they may hold a $9$ secret). */
    @Override
    public String toString() {
        return word + " (" + location + ", " + children.size() + " children)";
    }
}
