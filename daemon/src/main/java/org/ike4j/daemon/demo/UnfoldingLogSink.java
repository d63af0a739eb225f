package org.ike4j.daemon.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a demo daemon's {@link org.ike4j.daemon.log.Log} writes: a file, and stdout too if asked.
 * The daemon's log escapes line breaks inside a message so that an event is one line; a payload
 * tree is many lines, so here each escaped break is unfolded again into a continuation line
 * indented by four spaces, which a reader (or grep) can follow.
 */
final class UnfoldingLogSink extends OutputStream {
    private final Writer file;
    private final PrintStream echo;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private UnfoldingLogSink(Writer file, PrintStream echo) {
        this.file = file;
        this.echo = echo;
    }

    /** A print stream for the log's console sink, writing into {@code file} (and {@code echo}, if not null). */
    static PrintStream open(Path file, PrintStream echo) throws IOException {
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new PrintStream(new UnfoldingLogSink(w, echo), true, StandardCharsets.UTF_8);
    }

    /** A log line with its escaped line breaks unfolded. */
    static String unfold(String logLine) {
        String s = logLine.replace("\\r", "");
        while (s.endsWith("\\n")) {
            s = s.substring(0, s.length() - 2);
        }
        return s.replace("\\n", "\n    ");
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (b == '\n') {
            String text = unfold(line.toString(StandardCharsets.UTF_8));
            line.reset();
            file.write(text);
            file.write('\n');
            if (echo != null) {
                echo.println(text);
            }
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        file.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }
}
