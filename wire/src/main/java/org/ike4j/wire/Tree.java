package org.ike4j.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * A message or payload as an indented tree of named fields, the one rendering that the debug
 * trace, the decoder and the tests share. It follows the spirit of pluto's
 * {@code ***parse ISAKMP Nonce Payload: | next payload type: ISAKMP_NEXT_ID} lines: a heading per
 * structure, one line per field, registry values by their IANA name with the number beside it,
 * raw bytes in spaced hex.
 *
 * <pre>
 * ISAKMP Nonce Payload
 *   next payload type: ID (5)
 *   length: 20
 *   nonce: 5d 91 31 68 cd 6d ee d7 6e b1 ad 1a c8 db 45 5c
 * </pre>
 *
 * @param title the structure's name, e.g. {@code ISAKMP Nonce Payload}
 * @param entries fields and nested structures, in wire order
 */
public record Tree(String title, List<TreeEntry> entries) implements TreeEntry {

    public Tree {
        entries = List.copyOf(entries);
    }

    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** The value of the first field with this name at this level, or null. */
    public String field(String name) {
        for (TreeEntry e : entries) {
            if (e instanceof TreeField f && f.name().equals(name)) {
                return f.value();
            }
        }
        return null;
    }

    /** The nested structures at this level. */
    public List<Tree> children() {
        List<Tree> out = new ArrayList<>();
        for (TreeEntry e : entries) {
            if (e instanceof Tree t) {
                out.add(t);
            }
        }
        return out;
    }

    /** The whole tree, two spaces of indent a level, one line each, ending with a newline. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        render(sb, 0);
        return sb.toString();
    }

    private void render(StringBuilder sb, int depth) {
        sb.repeat("  ", depth).append(title).append('\n');
        for (TreeEntry e : entries) {
            switch (e) {
                case TreeField f -> sb.repeat("  ", depth + 1).append(f.name()).append(": ").append(f.value()).append('\n');
                case Tree t -> t.render(sb, depth + 1);
            }
        }
    }

    @Override
    public String toString() {
        return render();
    }

    /**
     * One structure described into a {@link TreeSink}: {@code description} opens it, writes its
     * fields and children, and closes it.
     */
    public static Tree of(java.util.function.Consumer<TreeSink> description) {
        Builder root = new Builder(null);
        description.accept(root);
        if (root.depth != 0 || root.entries.size() != 1 || !(root.entries.get(0) instanceof Tree t)) {
            throw new IllegalStateException("a description must open and close exactly one structure");
        }
        return t;
    }

    /** Collects fields in wire order; nested structures as built trees or between open and close. */
    public static final class Builder implements TreeSink {
        private final String title;
        private List<TreeEntry> entries = new ArrayList<>();
        /** The titles and entries of the structures opened and not yet closed, outermost first. */
        private final List<String> openTitles = new ArrayList<>();
        private final List<List<TreeEntry>> openEntries = new ArrayList<>();
        private int depth;

        private Builder(String title) {
            this.title = title;
        }

        @Override
        public Builder open(String title) {
            openTitles.add(title);
            openEntries.add(entries);
            entries = new ArrayList<>();
            depth++;
            return this;
        }

        @Override
        public Builder close() {
            if (depth == 0) {
                throw new IllegalStateException("close without open");
            }
            depth--;
            Tree t = new Tree(openTitles.remove(depth), entries);
            entries = openEntries.remove(depth);
            entries.add(t);
            return this;
        }

        @Override
        public Builder field(String name, String value) {
            entries.add(new TreeField(name, value));
            return this;
        }

        @Override
        public Builder field(String name, Object value) {
            entries.add(new TreeField(name, String.valueOf(value)));
            return this;
        }

        @Override
        public Builder field(String name, long value) {
            entries.add(new TreeField(name, Long.toString(value)));
            return this;
        }

        /** Raw bytes in spaced hex, as pluto prints them. */
        @Override
        public Builder hex(String name, byte[] value) {
            entries.add(new TreeField(name, value.length == 0 ? "(empty)" : Hex.spaced(value)));
            return this;
        }

        /** Raw bytes in spaced hex. */
        @Override
        public Builder hex(String name, Bytes value) {
            entries.add(new TreeField(name, value.isEmpty() ? "(empty)" : Hex.spaced(value.toByteArray())));
            return this;
        }

        /** A registry value: its name and, beside it, its number. */
        @Override
        public Builder code(String name, Registry.Code value) {
            entries.add(new TreeField(name, value.name() + " (" + value.code() + ")"));
            return this;
        }

        @Override
        public Builder tree(Tree t) {
            entries.add(t);
            return this;
        }

        public Builder child(Tree t) {
            entries.add(t);
            return this;
        }

        public Builder children(List<Tree> ts) {
            entries.addAll(ts);
            return this;
        }

        public Tree build() {
            if (depth != 0) {
                throw new IllegalStateException(depth + " structures opened and not closed");
            }
            return new Tree(title, entries);
        }
    }
}
