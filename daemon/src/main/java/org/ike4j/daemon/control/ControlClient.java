package org.ike4j.daemon.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The client's end of the control socket: sends one request, waits (bounded) for its answer. */
public final class ControlClient {

    /** The daemon could not be reached or did not answer; the message is one line for the operator. */
    public static final class UnreachableException extends IOException {
        public UnreachableException(String message) {
            super(message);
        }
    }

    private ControlClient() {
    }

    public static Map<String, Object> call(Path socket, Map<String, Object> request, Duration timeout)
            throws UnreachableException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
            } catch (java.net.SocketException e) {
                String why = java.nio.file.Files.exists(socket) ? "nothing listens there" : "no socket there";
                throw new UnreachableException("no ike4j daemon at " + socket + " (" + why + ")");
            }
            ByteBuffer out = ByteBuffer.wrap((Json.write(request) + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                ch.write(out);
            }
            ch.configureBlocking(false);
            try (Selector sel = Selector.open()) {
                ch.register(sel, SelectionKey.OP_READ);
                java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
                ByteBuffer in = ByteBuffer.allocate(16 * 1024);
                while (true) {
                    long left = (deadline - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) {
                        throw new UnreachableException("the ike4j daemon at " + socket + " did not answer in "
                                + timeout.toSeconds() + "s");
                    }
                    sel.select(left);
                    sel.selectedKeys().clear();
                    in.clear();
                    int n = ch.read(in);
                    if (n < 0) {
                        throw new UnreachableException("the ike4j daemon at " + socket + " closed the connection");
                    }
                    for (int i = 0; i < n; i++) {
                        byte b = in.get(i);
                        if (b == '\n') {
                            return Json.readObject(line.toString(StandardCharsets.UTF_8));
                        }
                        line.write(b);
                    }
                }
            }
        } catch (UnreachableException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreachableException("talking to the ike4j daemon at " + socket + " failed: " + e.getMessage());
        }
    }
}
