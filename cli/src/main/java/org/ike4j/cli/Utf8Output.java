package org.ike4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A writer that gathers text in a {@link StringBuilder} and hands it to the stream as UTF-8 in
 * large blocks. The decoder's report is hundreds of megabytes of almost only ASCII: a
 * {@code BufferedWriter} over an {@code OutputStreamWriter} widens every string to chars and
 * encodes them back one by one, which was a fifth of {@code ike4j decode}'s CPU time on C1
 * (bench/decoder); {@link String#getBytes} of an ASCII string is one array copy.
 * Not thread-safe; {@link #close()} flushes and leaves the stream open.
 */
final class Utf8Output extends Writer {

    private static final int BLOCK = 1 << 16;

    private final OutputStream out;
    private final StringBuilder pending = new StringBuilder(BLOCK + 1024);

    Utf8Output(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(String s) throws IOException {
        pending.append(s);
        if (pending.length() >= BLOCK) {
            drain();
        }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        pending.append(s, off, off + len);
        if (pending.length() >= BLOCK) {
            drain();
        }
    }

    @Override
    public void write(int c) throws IOException {
        pending.append((char) c);
        if (pending.length() >= BLOCK) {
            drain();
        }
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        pending.append(cbuf, off, len);
        if (pending.length() >= BLOCK) {
            drain();
        }
    }

    @Override
    public Writer append(CharSequence csq) throws IOException {
        write(String.valueOf(csq));
        return this;
    }

    private void drain() throws IOException {
        // a surrogate pair split across two blocks would encode as two '?': keep its first half
        int end = pending.length();
        if (end > 0 && Character.isHighSurrogate(pending.charAt(end - 1))) {
            end--;
        }
        out.write(pending.substring(0, end).getBytes(StandardCharsets.UTF_8));
        pending.delete(0, end);
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
