package org.ike4j.dataplane.userspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ike4j.config.Encryption;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.dataplane.testing.InNamespace;
import org.ike4j.dataplane.tun.IpRoute2;
import org.ike4j.dataplane.udp.BatchSocket;
import org.ike4j.engine.ChildSa;
import org.ike4j.testkit.BackgroundProcess;
import org.ike4j.testkit.CommandResult;
import org.ike4j.testkit.NetNamespace;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.ike4j.testkit.TestNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two forwarders in two namespaces joined by a veth pair, ESP in real UDP between their sockets
 * (port 4500, as the daemon's NAT-T socket) through {@link BatchSocket}: an iperf3 TCP transfer
 * each way goes through the offload path — the host's TCP hands the TUN device super-packets, the
 * tunnel cuts them and sends the ESP in GSO batches, the far side takes them with recvmmsg — and
 * the bytes arrive; the receiving side joins the segments of a batch into super-packets again.
 */
class OffloadForwarderTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One side: its forwarder, its socket, and a thread that feeds what arrives to the forwarder. */
    static final class Side implements AutoCloseable {
        final ForwarderTest.Side events = new ForwarderTest.Side();
        final DatagramChannel channel;
        final BatchSocket socket;
        final UserspaceForwarder forwarder;
        final Thread receiver;
        volatile boolean running = true;

        Side(InNamespace in, NetNamespace ns, String address) throws Exception {
            channel = in.call(() -> DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(address, 4500)));
            socket = BatchSocket.find((InetSocketAddress) channel.getLocalAddress()).orElseThrow();
            EspTransport transport = new EspTransport() {
                @Override
                public boolean send(InetSocketAddress local, InetSocketAddress remote, ByteBuffer esp) throws IOException {
                    return channel.send(esp, remote) > 0;
                }

                @Override
                public boolean send(InetSocketAddress local, InetSocketAddress remote, byte[] buf, int offset, int length,
                                    int segmentSize) throws IOException {
                    return socket.send(remote, buf, offset, length, segmentSize);
                }
            };
            forwarder = new UserspaceForwarder(Crypto.defaults(), RANDOM, new IpRoute2(ns.name()), transport, events, 1400);
            events.forwarder = forwarder;
            socket.enableGro();
            receiver = Thread.ofPlatform().daemon().name("esp-rx-" + address).start(() -> {
                try (BatchSocket.Receiver r = socket.receiver()) {
                    while (running) {
                        int n = r.receive(100);
                        for (int i = 0; i < n; i++) {
                            ByteBuffer d = r.data(i);
                            int end = d.limit();
                            int seg = r.segmentSize(i) > 0 ? r.segmentSize(i) : end;
                            for (int o = 0; o < end; o += seg) {
                                d.limit(Math.min(o + seg, end)).position(o);
                                forwarder.receiveBatched(d);
                            }
                        }
                        forwarder.flush();
                    }
                } catch (IOException e) {
                    events.log("error", "receiver: " + e);
                }
            });
        }

        @Override
        public void close() throws Exception {
            forwarder.close();
            running = false;
            receiver.join(2000);
            channel.close();
        }
    }

    @Test
    void iperf3ThroughTheTunnelUsesTheOffloadPath(@TempDir Path dir) throws Exception {
        Prerequisites.require(Requirement.ROOT, Requirement.IPROUTE2, Requirement.TUN, Requirement.IPERF3);
        try (TestNetwork net = new TestNetwork()) {
            NetNamespace nsA = net.namespace("offa");
            NetNamespace nsB = net.namespace("offb");
            net.connect(nsA, "192.0.2.1/24", nsB, "192.0.2.2/24");
            nsA.ip("address", "add", "10.1.0.1/32", "dev", "lo");
            nsB.ip("address", "add", "10.2.0.1/32", "dev", "lo");
            try (InNamespace inA = new InNamespace(nsA.name()); InNamespace inB = new InNamespace(nsB.name());
                 Side a = new Side(inA, nsA, "192.0.2.1"); Side b = new Side(inB, nsB, "192.0.2.2")) {
                ChildSa[] sas = ForwarderTest.pair("off", Encryption.of(CipherAlgorithm.AES_CBC_128),
                        Optional.of(IntegrityAlgorithm.HMAC_SHA1_96), 1);
                inA.call(() -> { a.forwarder.install(sas[0]); return null; });
                inB.call(() -> { b.forwarder.install(sas[1]); return null; });

                long forward = iperf(nsB, "10.2.0.1", nsA, "10.1.0.1", false, dir);
                long reverse = iperf(nsB, "10.2.0.1", nsA, "10.1.0.1", true, dir);
                assertTrue(forward > 1_000_000, "A -> B carried " + forward + " bytes");
                assertTrue(reverse > 1_000_000, "B -> A carried " + reverse + " bytes");

                Map<String, Long> ca = a.forwarder.offloadCounters();
                Map<String, Long> cb = b.forwarder.offloadCounters();
                assertTrue(ca.get("ipsec-off gso-reads") > 0, "A read TCP super-packets: " + ca);
                assertTrue(cb.get("ipsec-off gso-reads") > 0, "B read TCP super-packets: " + cb);
                assertTrue(ca.get("ipsec-off gso-segments") > ca.get("ipsec-off gso-reads"), "each cut in several: " + ca);
                assertTrue(a.socket.gsoCalls() > 0 && a.socket.gsoDatagrams() > 2 * a.socket.gsoCalls(),
                        "ESP went in GSO batches: " + a.socket.gsoCalls() + " calls, " + a.socket.gsoDatagrams() + " datagrams");
                assertEquals(0L, ca.get("ipsec-off offload-drops"));
                long[] joined = b.forwarder.coalesced();
                assertTrue(joined[0] > 0 && joined[1] > joined[0], "B joined received segments: " + joined[0] + " writes of "
                        + joined[1]);
                var in = b.forwarder.traffic(sas[1].inboundSpi()).orElseThrow().in();
                assertTrue(in.bytes() >= forward, "B opened at least what iperf3 counted: " + in.bytes());
                assertEquals(0, in.integrityFailures() + in.replayDrops(), "nothing dropped as forged or replayed: " + in);
            }
        }
    }

    /** iperf3 TCP for 2 s from A's inner address to B's ({@code reverse}: B sends); the bytes the receiver counted. */
    private static long iperf(NetNamespace server, String serverAddress, NetNamespace client, String clientAddress,
                              boolean reverse, Path dir) throws Exception {
        int port = 20000 + RANDOM.nextInt(20000);
        try (BackgroundProcess s = server.start("iperf3-server", dir.resolve("iperf3-" + port + ".out"), Map.of(),
                List.of("iperf3", "-s", "-1", "-B", serverAddress, "-p", Integer.toString(port)))) {
            Thread.sleep(500);
            List<String> cmd = new java.util.ArrayList<>(List.of("iperf3", "-c", serverAddress, "-B", clientAddress, "-p",
                    Integer.toString(port), "-t", "2", "-J", "--connect-timeout", "5000"));
            if (reverse) {
                cmd.add("-R");
            }
            CommandResult r = client.exec(Duration.ofSeconds(30), cmd.toArray(String[]::new));
            Matcher m = Pattern.compile("\"sum_received\"\\s*:\\s*\\{[^}]*?\"bytes\"\\s*:\\s*(\\d+)").matcher(r.stdout());
            if (!r.ok() || !m.find()) {
                Files.writeString(dir.resolve("iperf3-client.out"), r.describe());
                throw new AssertionError("iperf3 failed\n" + r.describe());
            }
            return Long.parseLong(m.group(1));
        }
    }
}
