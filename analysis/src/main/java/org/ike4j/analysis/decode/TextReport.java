package org.ike4j.analysis.decode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

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
            out.write(head(c));
            StringBuilder sb = new StringBuilder();
            for (IkeSaConversation sa : c.sas()) {
                sb.setLength(0);
                appendSa(sb, sa, trees);
                out.append(sb);
            }
            out.write(tail(c));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the same report as {@link #write(Conversation, Writer, boolean)}, as UTF-8, rendering
     * the IKE SAs on up to {@code threads} threads: the SAs are cut into batches in report order,
     * each batch rendered to bytes by one thread, and the batches written in order as they are
     * done. At most a few batches per thread are held at a time, so memory stays bounded whatever
     * the capture's size. Each message's tree is built from its own bytes and nothing here is
     * shared between batches, so the text is byte for byte the one-thread text.
     */
    public static void write(Conversation c, OutputStream out, boolean trees, int threads) {
        try {
            out.write(head(c).getBytes(StandardCharsets.UTF_8));
            List<IkeSaConversation> sas = c.sas();
            if (threads <= 1 || sas.size() < 2) {
                StringBuilder sb = new StringBuilder();
                for (int from = 0; from < sas.size(); from += BATCH) {
                    out.write(render(sas, from, Math.min(sas.size(), from + BATCH), trees, sb));
                }
            } else {
                writeParallel(sas, out, trees, threads);
            }
            out.write(tail(c).getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** IKE SAs per batch at most: 32 of the bench capture's SAs are about 600 KB of text. */
    private static final int BATCH = 32;

    private static void writeParallel(List<IkeSaConversation> sas, OutputStream out, boolean trees, int threads)
            throws IOException {
        AtomicInteger id = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "decode-render-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<StringBuilder> buffers = ThreadLocal.withInitial(StringBuilder::new);
        try {
            ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
            int window = 4 * threads;
            // small captures in smaller batches, so that every thread has some
            int batch = Math.clamp(sas.size() / (4L * threads), 1, BATCH);
            for (int from = 0; from < sas.size(); from += batch) {
                int a = from;
                int b = Math.min(sas.size(), from + batch);
                pending.add(pool.submit(() -> render(sas, a, b, trees, buffers.get())));
                if (pending.size() >= window) {
                    out.write(take(pending.poll()));
                }
            }
            while (!pending.isEmpty()) {
                out.write(take(pending.poll()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] take(Future<byte[]> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IOException(e.getCause());
        }
    }

    /** SAs {@code [from, to)} as UTF-8 text. */
    private static byte[] render(List<IkeSaConversation> sas, int from, int to, boolean trees, StringBuilder sb) {
        sb.setLength(0);
        for (int i = from; i < to; i++) {
            appendSa(sb, sas.get(i), trees);
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (sb.capacity() > 4 * sb.length() + (1 << 20)) {
            sb.setLength(0);
            sb.trimToSize();
        }
        return bytes;
    }

    /** The summary line and the key sources' notes. */
    private static String head(Conversation c) {
        StringBuilder sb = new StringBuilder(summary(c)).append('\n');
        for (String note : c.keyNotes()) {
            sb.append("keys: ").append(note).append('\n');
        }
        return sb.toString();
    }

    /** The frames that were not IKE messages. */
    private static String tail(Conversation c) {
        StringBuilder sb = new StringBuilder();
        if (!c.frameNotes().isEmpty()) {
            sb.append("\nother frames\n");
            for (FrameNote n : c.frameNotes()) {
                sb.append("  frame ").append(n.frame()).append(n.time() != null ? "  " + time(n.time()) : "")
                        .append("  ").append(n.kind()).append("  ").append(n.text()).append('\n');
            }
        }
        return sb.toString();
    }

    /** One IKE SA: its heading, then each message's line and, with {@code trees}, its tree. */
    private static void appendSa(StringBuilder sb, IkeSaConversation sa, boolean trees) {
        sb.append('\n').append(heading(sa)).append('\n');
        for (DecodedMessage m : sa.messages()) {
            appendLine(sb, m);
            sb.append('\n');
            if (trees) {
                render(m.tree(), sb, 2);
            }
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
        StringBuilder sb = new StringBuilder();
        appendLine(sb, m);
        return sb.toString();
    }

    /** The message's line: appended piece by piece, as string concatenation would make it. */
    private static void appendLine(StringBuilder sb, DecodedMessage m) {
        sb.append("  frame ").append(m.frame()).append("  ").append(time(m.time())).append("  ")
                .append(m.direction().arrow()).append("  ").append(m.source()).append(" -> ").append(m.destination())
                .append(m.natT() ? " (NAT-T)" : "").append("  IKEv").append(m.version()).append(' ')
                .append(m.exchange()).append("  MID ").append(m.messageIdText()).append("  flags ").append(m.flags())
                .append("\n    ");
        List<String> payloads = m.payloads();
        for (int i = 0; i < payloads.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(payloads.get(i));
        }
        sb.append("  [");
        switch (m.status()) {
            case PLAIN -> sb.append("plain");
            case DECRYPTED -> {
                sb.append("decrypted");
                if (!m.detail().isEmpty()) {
                    sb.append(" (").append(m.detail()).append(')');
                }
            }
            case FRAGMENT -> sb.append("fragment: ").append(m.detail());
            case NOT_DECRYPTED -> sb.append("NOT DECRYPTED: ").append(m.detail());
            case MALFORMED -> sb.append("MALFORMED: ").append(m.detail());
        }
        sb.append(']');
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

    private static void render(Tree t, StringBuilder out, int depth) {
        String indent = depth < INDENT.length ? INDENT[depth] : "  ".repeat(depth);
        String inner = depth + 1 < INDENT.length ? INDENT[depth + 1] : "  ".repeat(depth + 1);
        out.append(indent).append(t.title()).append('\n');
        for (TreeEntry e : t.entries()) {
            switch (e) {
                case TreeField f -> out.append(inner).append(f.name()).append(": ").append(f.value()).append('\n');
                case Tree child -> render(child, out, depth + 1);
            }
        }
    }
}
