package org.ike4j.daemon.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The daemon's end of the control socket: a Unix domain stream socket of mode 0600, served by the
 * event loop's selector without blocking. Each request is one line of JSON and gets one line of
 * JSON back ({@link ControlProtocol}).
 *
 * <p>The socket must never be reachable with looser permissions, even briefly: it is bound under
 * a fresh private (0700) directory next to its final place, set to 0600, and then renamed onto the
 * path. A socket file already at the path is replaced only when nothing answers on it (a stale
 * file from a daemon that died); if a daemon answers, binding fails.
 */
public final class ControlServer implements AutoCloseable {
    /** Longest request line accepted. */
    static final int MAX_LINE = 64 * 1024;

    private final Path path;
    private final ServerSocketChannel server;
    private final Object fileKey;
    private final Function<Map<String, Object>, CompletionStage<Map<String, Object>>> handler;
    private final Consumer<Runnable> loop;

    private ControlServer(Path path, ServerSocketChannel server, Object fileKey,
                          Function<Map<String, Object>, CompletionStage<Map<String, Object>>> handler,
                          Consumer<Runnable> loop) {
        this.path = path;
        this.server = server;
        this.fileKey = fileKey;
        this.handler = handler;
        this.loop = loop;
    }

    /**
     * Binds the socket at {@code path} and registers it with {@code selector}.
     *
     * @param handler answers a request; may complete later
     * @param loop runs a task on the event loop (to write an answer that completed elsewhere)
     */
    public static ControlServer open(Path path, Selector selector,
                                     Function<Map<String, Object>, CompletionStage<Map<String, Object>>> handler,
                                     Consumer<Runnable> loop) throws IOException {
        Path target = path.toAbsolutePath();
        Path parent = target.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        refuseIfLive(target);
        Path tmpDir = Files.createTempDirectory(parent, ".ike4j-ctl-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path tmp = tmpDir.resolve("s");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(tmp));
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Object key = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            server.configureBlocking(false);
            ControlServer cs = new ControlServer(target, server, key, handler, loop);
            server.register(selector, SelectionKey.OP_ACCEPT, cs);
            return cs;
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(tmp);
            throw e;
        } finally {
            Files.deleteIfExists(tmpDir);
        }
    }

    /** Throws if a daemon answers at {@code target} or something other than a socket is there. */
    private static void refuseIfLive(Path target) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return;
        }
        if (!a.isOther()) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists and is not a socket; not replacing it");
        }
        try {
            SocketChannel.open(UnixDomainSocketAddress.of(target)).close();
        } catch (java.net.ConnectException stale) {
            return; // nothing listens: a leftover of a daemon that died; the rename replaces it
        }
        throw new FileAlreadyExistsException(target.toString(), null, "a daemon is already listening there");
    }

    public Path path() {
        return path;
    }

    /** Handles a selected key that belongs to the control socket (the server or one of its clients). */
    public static boolean handles(SelectionKey key) {
        return key.attachment() instanceof ControlServer || key.attachment() instanceof Client;
    }

    /** Called by the event loop for a ready key whose attachment this server set. */
    public void ready(SelectionKey key) {
        try {
            if (key.attachment() instanceof ControlServer && key.isAcceptable()) {
                SocketChannel ch;
                while ((ch = server.accept()) != null) {
                    ch.configureBlocking(false);
                    Client c = new Client(ch);
                    c.key = ch.register(key.selector(), SelectionKey.OP_READ, c);
                }
            } else if (key.attachment() instanceof Client c) {
                if (key.isValid() && key.isWritable()) {
                    c.flush();
                }
                if (key.isValid() && key.isReadable()) {
                    c.read();
                }
            }
        } catch (IOException | java.nio.channels.CancelledKeyException e) {
            if (key.attachment() instanceof Client c) {
                c.close();
            }
        }
    }

    /** One connected client: reads lines, answers each in order. */
    final class Client {
        private final SocketChannel channel;
        private SelectionKey key;
        private final ByteBuffer in = ByteBuffer.allocate(MAX_LINE + 1);
        private ByteBuffer out = ByteBuffer.allocate(0);
        private boolean busy;
        private boolean closeAfterFlush;
        private boolean discarding;

        Client(SocketChannel channel) {
            this.channel = channel;
        }

        void read() throws IOException {
            int n = channel.read(in);
            if (n < 0) {
                closeAfterFlush = true;
                if (!busy && !out.hasRemaining()) {
                    close();
                } else {
                    interest(SelectionKey.OP_READ, false);
                }
                return;
            }
            nextLine();
        }

        private void nextLine() {
            if (busy) {
                return; // one request at a time; the next waits in the buffer
            }
            in.flip();
            int nl = -1;
            for (int i = in.position(); i < in.limit(); i++) {
                if (in.get(i) == '\n') {
                    nl = i;
                    break;
                }
            }
            if (nl < 0) {
                boolean full = in.remaining() > MAX_LINE;
                if (full) {
                    // answer once, then drop the rest of the line: the next line is a new request
                    in.clear();
                    if (!discarding) {
                        discarding = true;
                        answer(ControlProtocol.error("request longer than " + MAX_LINE + " bytes"));
                    }
                } else {
                    in.compact();
                }
                return;
            }
            byte[] line = new byte[nl - in.position()];
            in.get(line);
            in.get(); // the line break
            in.compact();
            if (discarding) {
                discarding = false;
                nextLine();
                return;
            }
            String text = new String(line, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                nextLine();
                return;
            }
            Map<String, Object> request;
            try {
                request = Json.readObject(text);
            } catch (IllegalArgumentException e) {
                answer(ControlProtocol.error("bad request: " + e.getMessage()));
                return;
            }
            busy = true;
            interest(SelectionKey.OP_READ, false); // further requests wait in the socket meanwhile
            CompletionStage<Map<String, Object>> reply;
            try {
                reply = handler.apply(request);
            } catch (RuntimeException e) {
                reply = java.util.concurrent.CompletableFuture.completedFuture(
                        ControlProtocol.error("internal error: " + e));
            }
            reply.whenComplete((r, t) -> loop.accept(() -> {
                busy = false;
                if (!closeAfterFlush) {
                    interest(SelectionKey.OP_READ, true);
                }
                answer(t != null ? ControlProtocol.error("internal error: " + t) : Objects.requireNonNull(r));
                nextLine();
            }));
        }

        private void answer(Map<String, Object> response) {
            byte[] b = (Json.write(new LinkedHashMap<>(response)) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer nb = ByteBuffer.allocate(out.remaining() + b.length);
            nb.put(out).put(b).flip();
            out = nb;
            try {
                flush();
            } catch (IOException e) {
                close();
            }
        }

        void flush() throws IOException {
            if (!channel.isOpen()) {
                return;
            }
            channel.write(out);
            if (out.hasRemaining()) {
                interest(SelectionKey.OP_WRITE, true);
            } else {
                interest(SelectionKey.OP_WRITE, false);
                if (closeAfterFlush && !busy) {
                    close();
                }
            }
        }

        private void interest(int op, boolean on) {
            if (key.isValid()) {
                key.interestOps(on ? key.interestOps() | op : key.interestOps() & ~op);
            }
        }

        void close() {
            key.cancel();
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Closes the socket and removes its file, unless another daemon has put its own there since. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // removing the file matters more
        }
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (Objects.equals(a.fileKey(), fileKey)) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // already gone
        }
    }
}
