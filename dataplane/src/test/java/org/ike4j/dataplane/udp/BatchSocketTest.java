package org.ike4j.dataplane.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Batched UDP on loopback, through the descriptors of ordinary channels: a batch sent with UDP GSO
 * arrives as its datagrams at a plain socket, and through recvmmsg (GRO on) at a batch receiver;
 * a dual-stack socket sends to an IPv4 peer through a mapped address.
 */
class BatchSocketTest {
    private static final Random RANDOM = new Random(3948);

    @Test
    void gsoBatchArrivesAsItsDatagrams() throws Exception {
        try (DatagramChannel send = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel recv = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress("127.0.0.1", 0))) {
            BatchSocket b = BatchSocket.find((InetSocketAddress) send.getLocalAddress()).orElseThrow();
            byte[] data = random(10 * 1000 + 500 + 3);
            InetSocketAddress to = (InetSocketAddress) recv.getLocalAddress();
            assertTrue(b.send(to, data, 3, data.length - 3, 1000));
            assertEquals(1, b.gsoCalls(), "one system call");
            assertEquals(11, b.gsoDatagrams());
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(65536);
            for (int i = 0; i < 11; i++) {
                buf.clear();
                InetSocketAddress from = (InetSocketAddress) recv.receive(buf);
                assertEquals(send.getLocalAddress(), from);
                buf.flip();
                assertEquals(i < 10 ? 1000 : 500, buf.remaining(), "datagram " + i);
                got.write(buf.array(), 0, buf.remaining());
            }
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 3, data.length), got.toByteArray());
        }
    }

    @Test
    void receiverTakesManyPerCallAndSplitsCoalescedOnes() throws Exception {
        try (DatagramChannel send = DatagramChannel.open().bind(new InetSocketAddress(0));   // dual-stack, wildcard
             DatagramChannel recv = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress("127.0.0.1", 0))) {
            BatchSocket sb = BatchSocket.find((InetSocketAddress) send.getLocalAddress()).orElseThrow();
            BatchSocket rb = BatchSocket.find((InetSocketAddress) recv.getLocalAddress()).orElseThrow();
            boolean gro = rb.enableGro();
            InetSocketAddress to = (InetSocketAddress) recv.getLocalAddress();
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            for (int k = 0; k < 3; k++) {
                byte[] data = random(20 * 1400 + 77);
                assertTrue(sb.send(to, data, 0, data.length, 1400));
                sent.write(data);
            }
            for (int k = 0; k < 5; k++) {
                byte[] one = random(100 + k);
                recvFree(send, to, one);
                sent.write(one);
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            int datagrams = 0;
            try (BatchSocket.Receiver r = rb.receiver()) {
                while (got.size() < sent.size()) {
                    int n = r.receive(2000);
                    assertTrue(n > 0, "datagrams waiting");
                    for (int i = 0; i < n; i++) {
                        ByteBuffer d = r.data(i);
                        assertEquals(127, r.source(i).getAddress().getAddress()[0], "from loopback, as IPv4");
                        int seg = r.segmentSize(i) > 0 ? r.segmentSize(i) : d.remaining();
                        for (int o = 0; o < d.limit(); o += seg) {
                            byte[] piece = new byte[Math.min(seg, d.limit() - o)];
                            d.get(o, piece);
                            got.write(piece);
                            datagrams++;
                        }
                    }
                }
                assertTrue(r.calls() < datagrams, "several datagrams per call: " + r.calls() + " calls for " + datagrams);
                if (gro) {
                    assertTrue(r.coalesced() > 0, "GSO batches kept whole on loopback with GRO on");
                }
            }
            assertEquals(3 * 21 + 5, datagrams);
            assertArrayEquals(sent.toByteArray(), got.toByteArray());
        }
    }

    @Test
    void unknownAddressFindsNothing() {
        assertTrue(BatchSocket.find(new InetSocketAddress("127.0.0.1", 1)).isEmpty());
    }

    private static void recvFree(DatagramChannel send, InetSocketAddress to, byte[] one) throws Exception {
        send.send(ByteBuffer.wrap(one), to);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
