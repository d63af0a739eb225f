package org.ike4j.analysis.decode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.ike4j.analysis.decode.Conversation.FrameNote;
import org.ike4j.analysis.decode.Conversation.IkeSaConversation;

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
            TextSink sink = new TextSink(1 << 16);
            List<IkeSaConversation> sas = c.sas();
            for (int from = 0; from < sas.size(); from += BATCH) {
                render(sas, from, Math.min(sas.size(), from + BATCH), trees, sink);
                out.write(new String(sink.toByteArray(), StandardCharsets.UTF_8));
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
     * the capture's size. Each message's description is made from its own bytes and nothing here
     * is shared between batches, so the text is byte for byte the one-thread text.
     */
    public static void write(Conversation c, OutputStream out, boolean trees, int threads) {
        try {
            List<IkeSaConversation> sas = c.sas();
            if (threads <= 1 || sas.size() < 2) {
                out.write(head(c).getBytes(StandardCharsets.UTF_8));
                TextSink sink = new TextSink(BATCH_BYTES);
                for (int from = 0; from < sas.size(); from += BATCH) {
                    render(sas, from, Math.min(sas.size(), from + BATCH), trees, sink);
                    sink.writeTo(out);
                }
            } else {
                writeParallel(c, out, trees, threads);
            }
            out.write(tail(c).getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** IKE SAs per batch at most: 32 of the bench capture's SAs are about 600 KB of text. */
    private static final int BATCH = 32;
    /** A batch's buffer to start with; a pooled one that grew far beyond it is given back. */
    private static final int BATCH_BYTES = 1 << 20;

    private static void writeParallel(Conversation c, OutputStream out, boolean trees, int threads)
            throws IOException {
        List<IkeSaConversation> sas = c.sas();
        AtomicInteger id = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "decode-render-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // rendered batches' buffers, back for reuse once written: the window bounds how many exist
        ConcurrentLinkedQueue<TextSink> free = new ConcurrentLinkedQueue<>();
        try {
            ArrayDeque<Future<TextSink>> pending = new ArrayDeque<>();
            int window = 4 * threads;
            // small captures in smaller batches, so that every thread has some
            int batch = Math.clamp(sas.size() / (4L * threads), 1, BATCH);
            boolean headWritten = false;
            for (int from = 0; from < sas.size(); from += batch) {
                int a = from;
                int b = Math.min(sas.size(), from + batch);
                pending.add(pool.submit(() -> {
                    TextSink sink = free.poll();
                    return render(sas, a, b, trees, sink != null ? sink : new TextSink(BATCH_BYTES));
                }));
                if (!headWritten && (pending.size() >= window || b == sas.size())) {
                    // the summary counts every message: made while the first batches render, not before
                    out.write(head(c).getBytes(StandardCharsets.UTF_8));
                    headWritten = true;
                }
                if (pending.size() >= window) {
                    writeBatch(take(pending.poll()), out, free);
                }
            }
            while (!pending.isEmpty()) {
                writeBatch(take(pending.poll()), out, free);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void writeBatch(TextSink sink, OutputStream out, ConcurrentLinkedQueue<TextSink> free)
            throws IOException {
        sink.writeTo(out);
        sink.release(4 * BATCH_BYTES);
        free.add(sink);
    }

    private static TextSink take(Future<TextSink> f) throws IOException {
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

    /** SAs {@code [from, to)} as UTF-8 text, into {@code sink} (emptied first). */
    private static TextSink render(List<IkeSaConversation> sas, int from, int to, boolean trees, TextSink sink) {
        sink.reset(0);
        for (int i = from; i < to; i++) {
            appendSa(sink, sas.get(i), trees);
        }
        return sink;
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
    private static void appendSa(TextSink sink, IkeSaConversation sa, boolean trees) {
        sink.nl().label(sa.version() == 1 ? "IKEv1 ISAKMP SA " : "IKEv2 IKE SA ").text(sa.initiatorSpi()).ch('/')
                .text(sa.responderSpi()).label("  initiator ").label(sa.initiator()).label("  responder ")
                .label(sa.responder()).label("  (").label(sa.keys()).ch(')').nl();
        for (DecodedMessage m : sa.messages()) {
            appendLine(sink, m);
            sink.nl();
            if (trees) {
                m.content().describe(sink.depth(2));
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
        // one pass over every message for all five counts (under C1 each pass costs a few ms)
        long messages = 0;
        long[] count = new long[DecodedMessage.Status.values().length];
        for (IkeSaConversation sa : c.sas()) {
            List<DecodedMessage> ms = sa.messages();
            messages += ms.size();
            for (int i = 0, n = ms.size(); i < n; i++) {
                count[ms.get(i).status().ordinal()]++;
            }
        }
        long esp = c.frameNotes().stream().filter(n -> n.kind() == FrameNote.Kind.ESP).count();
        long unreadable = c.frameNotes().stream().filter(n -> n.kind() == FrameNote.Kind.UNREADABLE).count();
        return c.capture() + ": " + c.frames() + " frames, " + c.sas().size() + " IKE SAs, " + messages
                + " IKE messages (" + count[DecodedMessage.Status.PLAIN.ordinal()] + " plain, "
                + count[DecodedMessage.Status.DECRYPTED.ordinal()] + " decrypted, "
                + count[DecodedMessage.Status.FRAGMENT.ordinal()] + " fragments, "
                + count[DecodedMessage.Status.NOT_DECRYPTED.ordinal()] + " not decrypted, "
                + count[DecodedMessage.Status.MALFORMED.ordinal()] + " malformed), " + esp + " ESP, " + unreadable
                + " unreadable, " + c.otherTraffic() + " other";
    }

    static String line(DecodedMessage m) {
        TextSink sink = new TextSink(256);
        appendLine(sink, m);
        return new String(sink.toByteArray(), StandardCharsets.UTF_8);
    }

    /** The message line's constant pieces, as bytes: copied without a cache lookup. */
    private static final byte[] FRAME = ascii("  frame ");
    private static final byte[] GAP = ascii("  ");
    private static final byte[] TO = ascii(" -> ");
    private static final byte[] IKE_V = ascii("  IKEv");
    private static final byte[] MID = ascii("  MID ");
    private static final byte[] HEX = ascii("0x");
    private static final byte[] FLAGS = ascii("  flags ");
    private static final byte[] PAYLOADS = ascii("\n    ");
    private static final byte[] STATUS = ascii("  [");
    private static final byte[] PLAIN_TEXT = ascii("plain");
    private static final byte[] DECRYPTED_TEXT = ascii("decrypted");
    private static final byte[] OPEN = ascii(" (");
    private static final byte[] FRAGMENT_TEXT = ascii("fragment: ");
    private static final byte[] NOT_DECRYPTED_TEXT = ascii("NOT DECRYPTED: ");
    private static final byte[] MALFORMED_TEXT = ascii("MALFORMED: ");
    private static final byte[] NAT_T = ascii(" (NAT-T)");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The message's line, written piece by piece. */
    private static void appendLine(TextSink sb, DecodedMessage m) {
        sb.bytes(FRAME).number(m.frame()).bytes(GAP).instant(m.epochSecond(), m.nano()).bytes(GAP)
                .label(m.direction().arrow()).bytes(GAP).label(m.source()).bytes(TO).label(m.destination());
        if (m.natT()) {
            sb.bytes(NAT_T);
        }
        sb.bytes(IKE_V).number(m.version()).ch(' ')
                .label(m.exchange()).bytes(MID);
        if (m.version() == 1) {
            // DecodedMessage.messageIdText() without its strings
            sb.bytes(HEX).hexDigits(m.messageId(), 8);
        } else {
            sb.number(m.messageId());
        }
        sb.bytes(FLAGS).label(m.flags())
                .bytes(PAYLOADS);
        List<String> payloads = m.payloads();
        for (int i = 0; i < payloads.size(); i++) {
            if (i > 0) {
                sb.ch(' ');
            }
            sb.label(payloads.get(i));
        }
        sb.bytes(STATUS);
        switch (m.status()) {
            case PLAIN -> sb.bytes(PLAIN_TEXT);
            case DECRYPTED -> {
                sb.bytes(DECRYPTED_TEXT);
                // once: an IKEv1 message's detail is made from its IV when asked for
                String detail = m.detail();
                if (!detail.isEmpty()) {
                    sb.bytes(OPEN).text(detail).ch(')');
                }
            }
            case FRAGMENT -> sb.bytes(FRAGMENT_TEXT).text(m.detail());
            case NOT_DECRYPTED -> sb.bytes(NOT_DECRYPTED_TEXT).text(m.detail());
            case MALFORMED -> sb.bytes(MALFORMED_TEXT).text(m.detail());
        }
        sb.ch(']');
    }

    static String time(Instant t) {
        return t == null ? "" : t.toString();
    }
}
