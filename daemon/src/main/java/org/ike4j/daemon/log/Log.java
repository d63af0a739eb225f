package org.ike4j.daemon.log;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.ike4j.engine.Event;

/**
 * The daemon's log: one line per event, to stderr and optionally a file, filtered by a
 * {@link DebugSpec}. A line reads
 * <pre>2026-11-29T11:40:00.123Z ike 2 [srx-13 #1] ISAKMP SA established</pre>
 * time (UTC), category, level number, connection and SA (when known), message. The logger writes
 * what it is given and adds nothing: what goes into an event is the engine's business, and key
 * material only ever appears when key logging is on.
 *
 * <p>Thread-safe: lines from the loop and from the shutdown hook do not interleave.
 */
public final class Log implements Closeable {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private volatile DebugSpec spec;
    private final List<Appendable> sinks = new ArrayList<>();
    private final Writer file;
    private final Supplier<Instant> now;

    /**
     * @param spec what to log
     * @param stderr where console lines go (System.err), or null for none
     * @param logFile a file to append to as well, or null
     */
    public Log(DebugSpec spec, PrintStream stderr, Path logFile, Supplier<Instant> now) throws IOException {
        this.spec = spec;
        this.now = now;
        if (stderr != null) {
            sinks.add(stderr);
        }
        if (logFile != null) {
            file = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            sinks.add(file);
        } else {
            file = null;
        }
    }

    /** A log to stderr with the given spec. */
    public static Log stderr(DebugSpec spec) {
        try {
            return new Log(spec, System.err, null, Instant::now);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public DebugSpec spec() {
        return spec;
    }

    public void spec(DebugSpec newSpec) {
        this.spec = newSpec;
    }

    public boolean enabled(String category, Event.Level level) {
        return spec.enabled(category, level);
    }

    /** Logs an engine's event. */
    public void event(Event e) {
        log(e.category(), e.level(), e.connection(), e.sa(), e.message());
    }

    public void error(String category, String message) {
        log(category, Event.Level.ERROR, "", "", message);
    }

    public void warn(String category, String message) {
        log(category, Event.Level.WARNING, "", "", message);
    }

    public void info(String category, String message) {
        log(category, Event.Level.INFO, "", "", message);
    }

    public void debug(String category, String message) {
        log(category, Event.Level.DEBUG, "", "", message);
    }

    public void trace(String category, Supplier<String> message) {
        if (enabled(category, Event.Level.TRACE)) {
            log(category, Event.Level.TRACE, "", "", message.get());
        }
    }

    public void log(String category, Event.Level level, String connection, String sa, String message) {
        if (!enabled(category, level)) {
            return;
        }
        String line = format(now.get(), category, level, connection, sa, message);
        synchronized (this) {
            for (Appendable a : sinks) {
                try {
                    a.append(line).append('\n');
                    if (a instanceof java.io.Flushable f) {
                        f.flush();
                    }
                } catch (IOException ignored) {
                    // a log that cannot be written must not stop the daemon
                }
            }
        }
    }

    /** One log line, without its line break. Line breaks inside the message are escaped so a line is a line. */
    public static String format(Instant at, String category, Event.Level level, String connection, String sa,
                                String message) {
        StringBuilder sb = new StringBuilder(96);
        sb.append(TIME.format(at)).append(' ').append(category).append(' ').append(level.ordinal()).append(' ');
        boolean c = connection != null && !connection.isEmpty();
        boolean s = sa != null && !sa.isEmpty();
        if (c || s) {
            sb.append('[');
            if (c) {
                sb.append(connection);
            }
            if (c && s) {
                sb.append(' ');
            }
            if (s) {
                sb.append(sa);
            }
            sb.append("] ");
        }
        sb.append(message.replace("\r", "\\r").replace("\n", "\\n"));
        return sb.toString();
    }

    @Override
    public synchronized void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
