package org.ike4j.analysis.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams a capture file (pcap or pcapng, gzip-compressed or not) as {@link CaptureRecord}s, one
 * per frame, plus a final {@link CaptureRecord.Undecodable} when the file itself is damaged
 * (truncated, corrupt record). A bad frame never stops the reading; a damaged file stops it where
 * it can no longer find the next record.
 *
 * <pre>{@code
 * try (CaptureReader reader = CaptureReader.open(Path.of("ike.pcapng"))) {
 *     for (CaptureRecord record : reader) { ... }
 * }
 * }</pre>
 */
public final class CaptureReader implements Iterable<CaptureRecord>, AutoCloseable {

    private final FrameReader frames;
    private CaptureRecord pending;
    private boolean done;
    private boolean iterated;

    private final PacketDecoder packets;

    private CaptureReader(FrameReader frames, IkePorts ports) {
        this.frames = frames;
        this.packets = new PacketDecoder(ports);
    }

    /**
     * Opens a file.
     *
     * @throws IOException when it cannot be read or is not a capture file (the message says which)
     */
    public static CaptureReader open(Path file) throws IOException {
        return open(file, IkePorts.STANDARD);
    }

    /**
     * Opens a file, reading IKE on these ports.
     *
     * @throws IOException when it cannot be read or is not a capture file (the message says which)
     */
    public static CaptureReader open(Path file, IkePorts ports) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            return new CaptureReader(FrameReader.open(in), ports);
        } catch (IOException e) {
            in.close();
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads from a stream (which {@link #close()} closes). */
    public static CaptureReader open(InputStream in) throws IOException {
        return new CaptureReader(FrameReader.open(in), IkePorts.STANDARD);
    }

    /** One pass over the file: a second call fails, since the file is streamed. */
    @Override
    public Iterator<CaptureRecord> iterator() {
        if (iterated) {
            throw new IllegalStateException("a capture is streamed once; open it again");
        }
        iterated = true;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return fill();
            }

            @Override
            public CaptureRecord next() {
                if (!fill()) {
                    throw new NoSuchElementException();
                }
                CaptureRecord next = pending;
                pending = null;
                return next;
            }
        };
    }

    private boolean fill() {
        if (pending != null) {
            return true;
        }
        if (done) {
            return false;
        }
        FrameReader.Item item;
        try {
            item = frames.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (item == null) {
            done = true;
            return false;
        }
        if (item.fatal()) {
            done = true;
        }
        pending = item.frame() != null ? packets.read(item.frame())
                : new CaptureRecord.Undecodable(item.number(), item.problem());
        return true;
    }

    @Override
    public void close() throws IOException {
        frames.close();
    }
}
