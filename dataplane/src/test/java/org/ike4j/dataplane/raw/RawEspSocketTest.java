package org.ike4j.dataplane.raw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import org.ike4j.dataplane.testing.InNamespace;
import org.ike4j.testkit.NetNamespace;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Raw ESP sockets in a namespace of their own (its loopback only): what one sends as protocol 50
 * arrives at the one bound to the destination, from the SPI on (the IPv4 header skipped), with the
 * sender's address; a socket bound to another address does not see it; IPv6 the same.
 */
class RawEspSocketTest {
    @BeforeAll
    static void root() {
        Prerequisites.require(EnumSet.of(Requirement.ROOT, Requirement.IPROUTE2));
    }

    private static byte[] esp(int spi, int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putInt(spi).putInt(1);
        for (int i = 8; i < length; i++) {
            b.put((byte) i);
        }
        return b.array();
    }

    @Test
    void protocol50TravelsBetweenTwoBoundSockets() throws Exception {
        try (NetNamespace ns = NetNamespace.create("rawesp"); InNamespace inside = new InNamespace(ns.name())) {
            ns.ip("link", "set", "lo", "up");
            InetAddress a = InetAddress.getByName("127.0.0.2");
            InetAddress b = InetAddress.getByName("127.0.0.1");
            InetAddress c = InetAddress.getByName("127.0.0.3");
            RawEspSocket sa = inside.call(() -> RawEspSocket.open(a, 200));
            RawEspSocket sb = inside.call(() -> RawEspSocket.open(b, 200));
            RawEspSocket sc = inside.call(() -> RawEspSocket.open(c, 200));
            try {
                byte[] packet = esp(0x11223344, 100);
                assertTrue(sa.send(b, ByteBuffer.wrap(packet)));
                ByteBuffer got = sb.receive();
                assertNotNull(got, "received within the timeout");
                byte[] bytes = new byte[got.remaining()];
                got.get(bytes);
                assertArrayEquals(packet, bytes, "the ESP packet from the SPI on, no IP header");
                assertEquals(a, sb.lastSource());
                assertNull(sc.receive(), "a socket bound to another address sees nothing");
                assertNull(sa.receive(), "nor does the sender");
            } finally {
                sa.release();
                sb.release();
                sc.release();
            }

            RawEspSocket v6 = inside.call(() -> RawEspSocket.open(InetAddress.getByName("::1"), 200));
            try {
                byte[] packet = esp(0x55667788, 60);
                assertTrue(v6.send(InetAddress.getByName("::1"), ByteBuffer.wrap(packet)));
                ByteBuffer got = v6.receive();
                assertNotNull(got);
                byte[] bytes = new byte[got.remaining()];
                got.get(bytes);
                assertArrayEquals(packet, bytes, "IPv6: the payload only");
                assertEquals(InetAddress.getByName("::1"), v6.lastSource());
            } finally {
                v6.release();
            }
        }
    }

    /**
     * Without CAP_NET_RAW (a JVM started by setpriv with it out of the bounding set) the socket
     * does not open, and the error says what is missing.
     */
    @Test
    void withoutCapNetRawTheErrorSaysSo() throws Exception {
        Prerequisites.require(EnumSet.of(Requirement.ROOT));
        String jvm = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder("setpriv", "--bounding-set=-net_raw", "--inh-caps=-net_raw", jvm, "-cp",
                System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED", RawEspSocketTest.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(out.contains("refused: socket(AF_INET, SOCK_RAW, IPPROTO_ESP) (a raw socket needs CAP_NET_RAW"), out);
        assertTrue(out.contains("Operation not permitted (errno 1)"), out);
    }

    /** For {@link #withoutCapNetRawTheErrorSaysSo}: tries to open a raw ESP socket and says what happened. */
    public static void main(String[] args) {
        try (RawEspSocket s = RawEspSocket.open(InetAddress.getByName("0.0.0.0"), 100)) {
            System.out.println("opened");
            s.release();
        } catch (java.io.IOException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }

    @Test
    void closeWakesABlockedReceive() throws Exception {
        try (NetNamespace ns = NetNamespace.create("rawesp"); InNamespace inside = new InNamespace(ns.name())) {
            ns.ip("link", "set", "lo", "up");
            RawEspSocket s = inside.call(() -> RawEspSocket.open(InetAddress.getByName("127.0.0.1"), 0));
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    s.receive();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200);
            s.close();
            t.join(3000);
            assertTrue(!t.isAlive(), "receive returned after close");
            s.release();
        }
    }
}
