package org.ike4j.analysis.decode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;

import org.ike4j.analysis.decode.Conversation.FrameNote;
import org.ike4j.analysis.decode.Conversation.IkeSaConversation;
import org.ike4j.wire.Tree;
import org.ike4j.wire.TreeEntry;
import org.ike4j.wire.TreeField;

/**
 * The conversation as text: a summary line, then each IKE SA with its messages (frame, time,
 * direction with addresses, version, exchange, message ID, flags, what was decrypted or why not,
 * and the payload tree), then the frames that were not IKE messages.
 */
public final class TextReport {

    private TextReport() {
    }

    /** Writes the report; {@code trees} false leaves out the payload trees (one line per message). */
    public static void write(Conversation c, Writer out, boolean trees) {
        try {
            out.write(summary(c));
            out.write('\n');
            for (String note : c.keyNotes()) {
                out.write("keys: " + note + "\n");
            }
            for (IkeSaConversation sa : c.sas()) {
                out.write('\n');
                out.write(heading(sa));
                out.write('\n');
                for (DecodedMessage m : sa.messages()) {
                    out.write(line(m));
                    out.write('\n');
                    if (trees) {
                        render(m.tree(), out, 2);
                    }
                }
            }
            if (!c.frameNotes().isEmpty()) {
                out.write("\nother frames\n");
                for (FrameNote n : c.frameNotes()) {
                    out.write("  frame " + n.frame() + (n.time() != null ? "  " + time(n.time()) : "") + "  "
                            + n.kind() + "  " + n.text() + "\n");
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report as a string. */
    public static String toString(Conversation c, boolean trees) {
        java.io.StringWriter w = new java.io.StringWriter();
        write(c, w, trees);
        return w.toString();
    }

    static String summary(Conversation c) {
        long messages = c.sas().stream().mapToLong(s -> s.messages().size()).sum();
        long esp = c.frameNotes().stream().filter(n -> n.kind() == FrameNote.Kind.ESP).count();
        long unreadable = c.frameNotes().stream().filter(n -> n.kind() == FrameNote.Kind.UNREADABLE).count();
        return c.capture() + ": " + c.frames() + " frames, " + c.sas().size() + " IKE SAs, " + messages
                + " IKE messages (" + c.count(DecodedMessage.Status.PLAIN) + " plain, "
                + c.count(DecodedMessage.Status.DECRYPTED) + " decrypted, "
                + c.count(DecodedMessage.Status.FRAGMENT) + " fragments, "
                + c.count(DecodedMessage.Status.NOT_DECRYPTED) + " not decrypted, "
                + c.count(DecodedMessage.Status.MALFORMED) + " malformed), " + esp + " ESP, " + unreadable
                + " unreadable, " + c.otherTraffic() + " other";
    }

    static String heading(IkeSaConversation sa) {
        return (sa.version() == 1 ? "IKEv1 ISAKMP SA " : "IKEv2 IKE SA ") + sa.initiatorSpi() + "/"
                + sa.responderSpi() + "  initiator " + sa.initiator() + "  responder " + sa.responder() + "  ("
                + sa.keys() + ")";
    }

    static String line(DecodedMessage m) {
        String outcome = switch (m.status()) {
            case PLAIN -> "plain";
            case DECRYPTED -> "decrypted" + (m.detail().isEmpty() ? "" : " (" + m.detail() + ")");
            case FRAGMENT -> "fragment: " + m.detail();
            case NOT_DECRYPTED -> "NOT DECRYPTED: " + m.detail();
            case MALFORMED -> "MALFORMED: " + m.detail();
        };
        return "  frame " + m.frame() + "  " + time(m.time()) + "  " + m.direction().arrow() + "  " + m.source()
                + " -> " + m.destination() + (m.natT() ? " (NAT-T)" : "") + "  IKEv" + m.version() + " "
                + m.exchange() + "  MID " + m.messageIdText() + "  flags " + m.flags() + "\n    "
                + String.join(" ", m.payloads()) + "  [" + outcome + "]";
    }

    static String time(Instant t) {
        return t == null ? "" : t.toString();
    }

    private static final String[] INDENT = new String[16];

    static {
        for (int i = 0; i < INDENT.length; i++) {
            INDENT[i] = "  ".repeat(i);
        }
    }

    private static void render(Tree t, Writer out, int depth) throws IOException {
        String indent = depth < INDENT.length ? INDENT[depth] : "  ".repeat(depth);
        String inner = depth + 1 < INDENT.length ? INDENT[depth + 1] : "  ".repeat(depth + 1);
        out.write(indent);
        out.write(t.title());
        out.write('\n');
        for (TreeEntry e : t.entries()) {
            switch (e) {
                case TreeField f -> {
                    out.write(inner);
                    out.write(f.name());
                    out.write(": ");
                    out.write(f.value());
                    out.write('\n');
                }
                case Tree child -> render(child, out, depth + 1);
            }
        }
    }
}
