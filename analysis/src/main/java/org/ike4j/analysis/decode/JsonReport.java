package org.ike4j.analysis.decode;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

import org.ike4j.analysis.decode.Conversation.FrameNote;
import org.ike4j.analysis.decode.Conversation.IkeSaConversation;
import org.ike4j.wire.JsonText;
import org.ike4j.wire.Tree;
import org.ike4j.wire.TreeEntry;
import org.ike4j.wire.TreeField;

/**
 * The conversation as one JSON document (RFC 8259): {@code sas} (one object per IKE SA),
 * {@code messages} (every IKE message in capture order, with {@code sa} its index in {@code sas},
 * its header fields, status, reason and {@code tree}: {@code {"title", "entries": [{"name",
 * "value"} | tree]}}), and {@code otherFrames}.
 */
public final class JsonReport {

    private JsonReport() {
    }

    public static void write(Conversation c, Writer out) {
        try {
            out.write("{\"capture\":" + str(c.capture()) + ",\"frames\":" + c.frames());
            out.write(",\"counts\":{");
            boolean first = true;
            for (DecodedMessage.Status s : DecodedMessage.Status.values()) {
                out.write((first ? "" : ",") + str(s.name().toLowerCase(java.util.Locale.ROOT)) + ":" + c.count(s));
                first = false;
            }
            out.write(",\"other\":" + c.otherTraffic() + "}");
            out.write(",\"keyNotes\":" + strings(c.keyNotes()));
            out.write(",\"sas\":[");
            for (int i = 0; i < c.sas().size(); i++) {
                IkeSaConversation sa = c.sas().get(i);
                out.write((i == 0 ? "" : ",") + "{\"index\":" + i + ",\"version\":" + sa.version() + ",\"initiatorSpi\":"
                        + str(sa.initiatorSpi()) + ",\"responderSpi\":" + str(sa.responderSpi()) + ",\"initiator\":"
                        + str(sa.initiator()) + ",\"responder\":" + str(sa.responder()) + ",\"keys\":" + str(sa.keys())
                        + ",\"messages\":" + sa.messages().size() + "}");
            }
            out.write("],\"messages\":[");
            first = true;
            // capture order across SAs
            List<int[]> order = new java.util.ArrayList<>();
            for (int i = 0; i < c.sas().size(); i++) {
                for (int j = 0; j < c.sas().get(i).messages().size(); j++) {
                    order.add(new int[] {i, j});
                }
            }
            order.sort(java.util.Comparator.comparingLong(a -> c.sas().get(a[0]).messages().get(a[1]).frame()));
            for (int[] at : order) {
                DecodedMessage m = c.sas().get(at[0]).messages().get(at[1]);
                out.write(first ? "" : ",");
                first = false;
                out.write("{\"frame\":" + m.frame() + ",\"time\":" + str(TextReport.time(m.time())) + ",\"sa\":" + at[0]
                        + ",\"version\":" + m.version() + ",\"direction\":" + str(m.direction().arrow())
                        + ",\"source\":" + str(m.source()) + ",\"destination\":" + str(m.destination())
                        + ",\"natT\":" + m.natT() + ",\"exchange\":" + str(m.exchange()) + ",\"messageId\":"
                        + m.messageId() + ",\"flags\":" + str(m.flags()) + ",\"status\":" + str(m.status().name())
                        + ",\"detail\":" + str(m.detail()) + ",\"payloads\":" + strings(m.payloads()) + ",\"tree\":");
                tree(m.tree(), out);
                out.write("}");
            }
            out.write("],\"otherFrames\":[");
            first = true;
            for (FrameNote n : c.frameNotes()) {
                out.write((first ? "" : ",") + "{\"frame\":" + n.frame() + ",\"time\":" + str(TextReport.time(n.time()))
                        + ",\"kind\":" + str(n.kind().name()) + ",\"text\":" + str(n.text())
                        + (n.esp().isPresent() ? ",\"esp\":" + EspJson.of(n.esp().get()) : "") + "}");
                first = false;
            }
            out.write("]}\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toString(Conversation c) {
        StringWriter w = new StringWriter();
        write(c, w);
        return w.toString();
    }

    static void tree(Tree t, Writer out) throws IOException {
        out.write("{\"title\":" + str(t.title()) + ",\"entries\":[");
        boolean first = true;
        for (TreeEntry e : t.entries()) {
            out.write(first ? "" : ",");
            first = false;
            switch (e) {
                case TreeField f -> out.write("{\"name\":" + str(f.name()) + ",\"value\":" + str(f.value()) + "}");
                case Tree child -> tree(child, out);
            }
        }
        out.write("]}");
    }

    private static String strings(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(str(values.get(i)));
        }
        return sb.append(']').toString();
    }

    /** A JSON string literal (RFC 8259 section 7). */
    static String str(String s) {
        return JsonText.quote(s);
    }
}
