package org.ike4j.dataplane.tun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ike4j.dataplane.testing.InNamespace;
import org.ike4j.testkit.NetNamespace;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.Test;

/**
 * A TUN device opened through the foreign function API inside a test namespace: a UDP datagram
 * sent to an address routed into the device is read from it as an IP packet, and an IP packet
 * written to it is delivered to a socket; closing it removes the device and its routes.
 */
class TunDeviceTest {

    @Test
    void packetsGoBothWaysAndCloseRemovesTheDevice() throws Exception {
        Prerequisites.require(Requirement.ROOT, Requirement.IPROUTE2, Requirement.TUN);
        try (NetNamespace ns = NetNamespace.create("tun"); InNamespace inside = new InNamespace(ns.name())) {
            TunDevice tun = inside.call(() -> TunDevice.open("ike4jt%d", false));
            IpRoute2 ip = new IpRoute2(ns.name());
            DatagramChannel socket = null;
            try {
                assertTrue(tun.name().startsWith("ike4jt"), tun.name());
                ip.up(tun.name(), 1400);
                ip.addAddress(tun.name(), "10.99.0.1/32");
                ip.addRoute(tun.name(), "10.99.1.0/24", "10.99.0.1");
                assertTrue(ip.run("route", "show", "dev", tun.name()).contains("10.99.1.0/24"));
                socket = inside.call(() -> DatagramChannel.open().bind(new InetSocketAddress("10.99.0.1", 0)));
                int port = ((InetSocketAddress) socket.getLocalAddress()).getPort();
                // out through the device
                socket.send(ByteBuffer.wrap("hello tun".getBytes(StandardCharsets.US_ASCII)),
                        new InetSocketAddress("10.99.1.7", 9));
                byte[] buf = new byte[2048];
                int n = 0;
                for (int i = 0; i < 50 && (n == 0 || (buf[10] & 0xF0) != 0x40); i++) {
                    tun.await(100);
                    n = tun.read(buf, 10, 2000);   // skipping the IPv6 router solicitations of a new link
                }
                assertEquals(20 + 8 + 9, n, "one IPv4/UDP packet, no packet-information header");
                assertEquals(0x45, buf[10] & 0xFF);
                assertEquals(17, buf[10 + 9]);
                assertArrayEquals(InetAddress.getByName("10.99.1.7").getAddress(), Arrays.copyOfRange(buf, 26, 30));
                assertEquals("hello tun", new String(buf, 38, 9, StandardCharsets.US_ASCII));
                // in through the device: the answer, addresses and ports swapped
                byte[] reply = udp(InetAddress.getByName("10.99.1.7"), 9, InetAddress.getByName("10.99.0.1"), port,
                        "hello back".getBytes(StandardCharsets.US_ASCII));
                assertTrue(tun.write(reply, 0, reply.length));
                ByteBuffer got = ByteBuffer.allocate(100);
                socket.configureBlocking(true);
                socket.socket().setSoTimeout(5000);
                DatagramChannel s = socket;
                InetSocketAddress from = (InetSocketAddress) inside.call(() -> s.receive(got));
                assertEquals(new InetSocketAddress("10.99.1.7", 9), from);
                assertEquals("hello back", new String(got.array(), 0, got.position(), StandardCharsets.US_ASCII));
            } finally {
                if (socket != null) {
                    socket.close();
                }
                tun.close();
            }
            assertFalse(tun.isOpen());
            assertThrows(IOException.class, () -> ip.run("link", "show", "dev", tun.name()), "the device is gone");
            assertFalse(ip.run("route", "show").contains("10.99.1.0/24"), "and its route");
        }
    }

    @Test
    void aNameTooLongIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TunDevice.open("x".repeat(16), false));
    }

    /** An IPv4/UDP packet with a correct header checksum (the UDP checksum left 0: none, RFC 768). */
    static byte[] udp(InetAddress src, int sport, InetAddress dst, int dport, byte[] payload) {
        int len = 28 + payload.length;
        ByteBuffer b = ByteBuffer.allocate(len);
        b.put((byte) 0x45).put((byte) 0).putShort((short) len).putInt(0).put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(src.getAddress()).put(dst.getAddress());
        b.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length)).putShort((short) 0).put(payload);
        byte[] p = b.array();
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        sum = ~sum & 0xFFFF;
        p[10] = (byte) (sum >>> 8);
        p[11] = (byte) sum;
        return p;
    }
}
