package org.ike4j.dataplane.userspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.Encryption;
import org.ike4j.config.IpsecMode;
import org.ike4j.config.TrafficSelector;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Secret;
import org.ike4j.dataplane.esp.EspEvent;
import org.ike4j.dataplane.testing.InNamespace;
import org.ike4j.dataplane.tun.IpRoute2;
import org.ike4j.engine.ChildSa;
import org.ike4j.testkit.NetNamespace;
import org.ike4j.testkit.Prerequisites;
import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.Test;

/**
 * Two forwarders in two namespaces, their ESP carried between them in memory (no IKE): datagrams
 * between the two protected subnets go out through one TUN device, are sealed, opened by the other
 * side and come out of its device; a replayed and a tampered packet are dropped and counted; a
 * rekey (new pair installed, old deleted) under traffic loses nothing; closing leaves no device.
 */
class ForwarderTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One side's forwarder with what it saw. */
    static final class Side implements ForwarderEvents {
        final List<String> log = new CopyOnWriteArrayList<>();
        final List<String> acquires = new CopyOnWriteArrayList<>();
        UserspaceForwarder forwarder;

        @Override
        public void log(String level, String message) {
            log.add(level + " " + message);
        }

        @Override
        public void acquire(String connection) {
            acquires.add(connection);
        }

        @Override
        public void lifetime(String connection, int inboundSpi, EspEvent event) {
            log.add("lifetime " + event);
        }
    }

    static ChildSa[] pair(String connection, Encryption enc, Optional<IntegrityAlgorithm> integ, int reqid)
            throws Exception {
        int encSize = switch (enc) {
            case Encryption.Cipher c -> c.algorithm().keySize();
            case Encryption.Aead a -> a.algorithm().keySize();
        };
        int intSize = integ.map(IntegrityAlgorithm::keySize).orElse(0);
        Secret ea = random(encSize), ia = random(intSize), eb = random(encSize), ib = random(intSize);
        int spiA = RANDOM.nextInt() | 0x1000, spiB = RANDOM.nextInt() | 0x1000;
        InetSocketAddress a = new InetSocketAddress("192.0.2.1", 4500), b = new InetSocketAddress("192.0.2.2", 4500);
        TrafficSelector netA = TrafficSelector.subnet(InetAddress.getByName("10.1.0.0"), 24);
        TrafficSelector netB = TrafficSelector.subnet(InetAddress.getByName("10.2.0.0"), 24);
        // A's inbound SPI is spiA and B sends with it; A's outbound keys are B's inbound keys
        ChildSa forA = new ChildSa(connection, reqid, ChildProposal.Protocol.ESP, IpsecMode.TUNNEL, true, a, b, spiA, spiB,
                Optional.of(enc), integ, false, eb, ib, ea, ia, List.of(netA), List.of(netB), 0, 0, 0, 0, 64);
        ChildSa forB = new ChildSa(connection, reqid, ChildProposal.Protocol.ESP, IpsecMode.TUNNEL, true, b, a, spiB, spiA,
                Optional.of(enc), integ, false, ea, ia, eb, ib, List.of(netB), List.of(netA), 0, 0, 0, 0, 64);
        return new ChildSa[] {forA, forB};
    }

    /** One direction of the in-memory wire between the two forwarders: carries an ESP packet to {@code to}. */
    interface Hop {
        boolean carry(UserspaceForwarder to, ByteBuffer esp) throws java.io.IOException;
    }

    /** Straight into the other forwarder, as a lossless link would. */
    static final Hop DIRECT = (to, esp) -> {
        to.receive(esp);
        return true;
    };

    /**
     * Makes both sides' forwarders, each setting up its devices and routes in its own namespace,
     * keyed as the daemon keys ESP ({@link Crypto#forPackets()}), with a 1400-byte tunnel MTU: what
     * A sends goes through {@code toB} to B's forwarder, what B sends through {@code toA} to A's.
     */
    static void connect(Side a, NetNamespace nsA, Side b, NetNamespace nsB, Hop toB, Hop toA) {
        AtomicReference<UserspaceForwarder> aRef = new AtomicReference<>();
        AtomicReference<UserspaceForwarder> bRef = new AtomicReference<>();
        a.forwarder = new UserspaceForwarder(Crypto.forPackets(), RANDOM, new IpRoute2(nsA.name()),
                (local, remote, esp) -> toB.carry(bRef.get(), esp), a, 1400);
        b.forwarder = new UserspaceForwarder(Crypto.forPackets(), RANDOM, new IpRoute2(nsB.name()),
                (local, remote, esp) -> toA.carry(aRef.get(), esp), b, 1400);
        aRef.set(a.forwarder);
        bRef.set(b.forwarder);
    }

    private static Secret random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return Secret.wrap(b);
    }

    @Test
    void datagramsCrossTheTunnelAndBadPacketsAreDropped() throws Exception {
        Prerequisites.require(Requirement.ROOT, Requirement.IPROUTE2, Requirement.TUN);
        try (NetNamespace nsA = NetNamespace.create("fwd-a"); NetNamespace nsB = NetNamespace.create("fwd-b");
             InNamespace inA = new InNamespace(nsA.name()); InNamespace inB = new InNamespace(nsB.name())) {
            nsA.ip("address", "add", "10.1.0.1/32", "dev", "lo");
            nsB.ip("address", "add", "10.2.0.1/32", "dev", "lo");
            Side a = new Side();
            Side b = new Side();
            List<byte[]> aToB = new CopyOnWriteArrayList<>();
            Hop toB = (to, esp) -> {
                byte[] copy = new byte[esp.remaining()];
                esp.get(copy);
                aToB.add(copy);
                to.receive(ByteBuffer.wrap(copy.clone()));
                return true;
            };
            // while set, what B sends is kept here instead of reaching A: ESP still on its way
            AtomicReference<List<byte[]>> inFlightToA = new AtomicReference<>();
            Hop toA = (to, esp) -> {
                List<byte[]> kept = inFlightToA.get();
                if (kept != null) {
                    byte[] copy = new byte[esp.remaining()];
                    esp.get(copy);
                    kept.add(copy);
                    return true;
                }
                return DIRECT.carry(to, esp);
            };
            connect(a, nsA, b, nsB, toB, toA);
            DatagramChannel sa = null;
            DatagramChannel sb = null;
            try {
                ChildSa[] first = pair("site", Encryption.of(CipherAlgorithm.AES_CBC_128), Optional.of(IntegrityAlgorithm.HMAC_SHA1_96), 1);
                inA.call(() -> { a.forwarder.install(first[0]); return null; });
                inB.call(() -> { b.forwarder.install(first[1]); return null; });
                assertEquals("ipsec-site", a.forwarder.devices().get("site"));
                assertTrue(nsA.ip("route", "show", "dev", "ipsec-site").stdout().contains("10.2.0.0/24"), a.log.toString());
                assertTrue(nsA.ip("route", "show", "dev", "ipsec-site").stdout().contains("src 10.1.0.1"), "source from our selector");
                sa = inA.call(() -> DatagramChannel.open().bind(new InetSocketAddress("10.1.0.1", 0)));
                sb = inB.call(() -> DatagramChannel.open().bind(new InetSocketAddress("10.2.0.1", 0)));
                sb.configureBlocking(true);
                sa.configureBlocking(true);
                InetSocketAddress addrA = (InetSocketAddress) sa.getLocalAddress();
                InetSocketAddress addrB = (InetSocketAddress) sb.getLocalAddress();

                assertEquals("hello 1", exchange(sa, sb, addrB, "hello 1"));
                assertEquals("back 1", exchange(sb, sa, addrA, "back 1"));
                var t = a.forwarder.traffic(first[0].inboundSpi()).orElseThrow();
                assertEquals(1, t.in().packets());
                assertTrue(t.out().packets() >= 1);

                // a replay of what A sent, and a tampered copy: neither reaches B's socket
                byte[] last = aToB.getLast();
                b.forwarder.receive(ByteBuffer.wrap(last.clone()));
                byte[] tampered = last.clone();
                tampered[4] = 0x7f;   // a fresh sequence number, so that it passes the window and meets the ICV
                tampered[tampered.length - 20] ^= 0x40;
                b.forwarder.receive(ByteBuffer.wrap(tampered));
                var tb = b.forwarder.traffic(first[1].inboundSpi()).orElseThrow();
                assertEquals(1, tb.in().replayDrops(), "the replay counted");
                assertEquals(1, tb.in().integrityFailures(), "the tampered packet counted");
                sb.configureBlocking(false);
                assertNull(sb.receive(ByteBuffer.allocate(100)), "nothing extra delivered");
                sb.configureBlocking(true);

                // rekey: A installs the new pair (AES-GCM) and deletes the old at once, as the side
                // that renews does; B still sends on the old pair until it has the new one, and
                // what it sealed then is still on its way when A deletes: A's old inbound SA opens
                // it for a while (RETIRE, here 300 ms) after the delete, and no longer
                ChildSa[] second = pair("site", Encryption.of(AeadAlgorithm.AES_GCM_16_128), Optional.empty(), 1);
                List<byte[]> inFlight = new CopyOnWriteArrayList<>();
                inFlightToA.set(inFlight);
                sb.send(ByteBuffer.wrap("late 1".getBytes(StandardCharsets.US_ASCII)), addrA);
                sb.send(ByteBuffer.wrap("late 2".getBytes(StandardCharsets.US_ASCII)), addrA);
                long until = System.nanoTime() + 2_000_000_000L;
                while (inFlight.size() < 2 && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                inFlightToA.set(null);
                assertEquals(2, inFlight.size(), "B sealed both with the old pair");
                a.forwarder.retireAfter(java.time.Duration.ofMillis(300));
                inA.call(() -> { a.forwarder.install(second[0]); return null; });
                a.forwarder.delete(first[0]);
                assertTrue(a.log.stream().anyMatch(l -> l.contains("inbound still opens")), a.log.toString());
                a.forwarder.receive(ByteBuffer.wrap(inFlight.get(0)));
                assertEquals("late 1", receive(sa), "opened by the replaced SA after its delete");
                Thread.sleep(400);
                long unknown = a.forwarder.unknownSpi();
                a.forwarder.receive(ByteBuffer.wrap(inFlight.get(1)));
                assertEquals(unknown + 1, a.forwarder.unknownSpi(), "after RETIRE the old SPI is unknown");
                a.forwarder.retireAfter(UserspaceForwarder.RETIRE);
                inB.call(() -> { b.forwarder.install(second[1]); return null; });
                assertEquals("hello 2", exchange(sa, sb, addrB, "hello 2"));
                b.forwarder.delete(first[1]);
                assertEquals("hello 3", exchange(sa, sb, addrB, "hello 3"));
                assertEquals("back 3", exchange(sb, sa, addrA, "back 3"));
                var t2 = b.forwarder.traffic(second[1].inboundSpi()).orElseThrow();
                assertEquals(2, t2.in().packets(), "both after the rekey on the new SA");
                assertTrue(a.forwarder.traffic(first[0].inboundSpi()).isEmpty());
                assertEquals("ipsec-site", a.forwarder.devices().get("site"), "the tunnel stayed through the rekey");

                a.forwarder.delete(second[0]);
                assertTrue(a.forwarder.devices().isEmpty(), "the last SA took its tunnel");
                assertFalse(nsA.ip("link", "show").stdout().contains("ipsec-site"));
            } finally {
                if (sa != null) {
                    sa.close();
                }
                if (sb != null) {
                    sb.close();
                }
                a.forwarder.close();
                b.forwarder.close();
            }
            assertFalse(nsB.ip("link", "show").stdout().contains("ipsec-site"), "close removed the device");
            assertFalse(nsB.ip("route", "show").stdout().contains("10.1.0.0"), "and its route");
        }
    }

    /**
     * dpdaction=hold: the SA deleted with hold (the peer dead) leaves the device and its route; the
     * first packet is held and raises an acquire; the SA negotiated again delivers it; a delete
     * without hold (operator down) then takes the device.
     */
    @Test
    void heldConnectionKeepsItsTunnelAndAcquiresOnTraffic() throws Exception {
        Prerequisites.require(Requirement.ROOT, Requirement.IPROUTE2, Requirement.TUN);
        try (NetNamespace nsA = NetNamespace.create("fwh-a"); NetNamespace nsB = NetNamespace.create("fwh-b");
             InNamespace inA = new InNamespace(nsA.name()); InNamespace inB = new InNamespace(nsB.name())) {
            nsA.ip("address", "add", "10.1.0.1/32", "dev", "lo");
            nsB.ip("address", "add", "10.2.0.1/32", "dev", "lo");
            Side a = new Side();
            Side b = new Side();
            connect(a, nsA, b, nsB, DIRECT, DIRECT);
            DatagramChannel sa = null;
            DatagramChannel sb = null;
            try {
                ChildSa[] first = pair("held", Encryption.of(AeadAlgorithm.AES_GCM_16_128), Optional.empty(), 1);
                inA.call(() -> { a.forwarder.install(first[0]); return null; });
                inB.call(() -> { b.forwarder.install(first[1]); return null; });
                sa = inA.call(() -> DatagramChannel.open().bind(new InetSocketAddress("10.1.0.1", 0)));
                sb = inB.call(() -> DatagramChannel.open().bind(new InetSocketAddress("10.2.0.1", 0)));
                sa.configureBlocking(true);
                sb.configureBlocking(true);
                InetSocketAddress addrB = (InetSocketAddress) sb.getLocalAddress();
                assertEquals("before", exchange(sa, sb, addrB, "before"));

                // the peer is dead: A's SA deleted with hold; the device and its route stay
                a.forwarder.delete(first[0], true);
                assertFalse(a.forwarder.hasInbound(first[0].inboundSpi()));
                assertEquals("ipsec-held", a.forwarder.devices().get("held"), a.log.toString());
                assertTrue(nsA.ip("route", "show", "dev", "ipsec-held").stdout().contains("10.2.0.0/24"));
                assertTrue(a.acquires.isEmpty(), a.log.toString());

                // traffic the tunnel is not for (a source outside 10.1.0.0/24) is dropped, not held
                nsA.ip("address", "add", "10.9.0.1/32", "dev", "lo");
                try (DatagramChannel stray = inA.call(() -> DatagramChannel.open()
                        .bind(new InetSocketAddress("10.9.0.1", 0)))) {
                    long drops = a.forwarder.tunnelDrops().getOrDefault("ipsec-held selector", 0L);
                    stray.send(ByteBuffer.wrap("stray".getBytes(StandardCharsets.US_ASCII)), addrB);
                    long by = System.nanoTime() + 5_000_000_000L;
                    while (a.forwarder.tunnelDrops().getOrDefault("ipsec-held selector", 0L) == drops
                            && System.nanoTime() < by) {
                        Thread.sleep(10);
                    }
                    assertEquals(drops + 1, a.forwarder.tunnelDrops().get("ipsec-held selector"), a.log.toString());
                    assertTrue(a.acquires.isEmpty(), "no acquire for traffic outside the selectors");
                }

                // the first packet: held, an acquire raised, nothing sent
                sa.send(ByteBuffer.wrap("held 1".getBytes(StandardCharsets.US_ASCII)), addrB);
                long until = System.nanoTime() + 5_000_000_000L;
                while (a.acquires.isEmpty() && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                assertEquals(List.of("held"), a.acquires, a.log.toString());
                sb.configureBlocking(false);
                assertNull(sb.receive(ByteBuffer.allocate(100)), "held, not delivered without an SA");
                sb.configureBlocking(true);

                // negotiated again (B replaces its SA too): the held packet goes out on the new SA
                ChildSa[] second = pair("held", Encryption.of(AeadAlgorithm.AES_GCM_16_128), Optional.empty(), 1);
                inB.call(() -> { b.forwarder.install(second[1]); return null; });
                b.forwarder.delete(first[1]);
                inA.call(() -> { a.forwarder.install(second[0]); return null; });
                assertEquals("held 1", receive(sb), a.log.toString());
                assertEquals(1, a.forwarder.traffic(second[0].inboundSpi()).orElseThrow().out().packets());
                assertEquals("after", exchange(sa, sb, addrB, "after"));

                // operator down: a delete without hold takes the device
                a.forwarder.delete(second[0], false);
                assertTrue(a.forwarder.devices().isEmpty(), a.log.toString());
                assertFalse(nsA.ip("link", "show").stdout().contains("ipsec-held"));
            } finally {
                if (sa != null) {
                    sa.close();
                }
                if (sb != null) {
                    sb.close();
                }
                a.forwarder.close();
                b.forwarder.close();
            }
        }
    }

    /** What the socket receives next (or fails after 5 s). */
    private static String receive(DatagramChannel to) throws Exception {
        ByteBuffer got = ByteBuffer.allocate(200);
        java.util.concurrent.Future<?> f = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()
                .submit(() -> to.receive(got));
        f.get(5, java.util.concurrent.TimeUnit.SECONDS);
        return new String(got.array(), 0, got.position(), StandardCharsets.US_ASCII);
    }

    /** Sends one datagram and returns what the other socket received (or fails after 5 s). */
    private static String exchange(DatagramChannel from, DatagramChannel to, InetSocketAddress toAddress, String text)
            throws Exception {
        from.send(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), toAddress);
        to.socket().setSoTimeout(5000);
        ByteBuffer got = ByteBuffer.allocate(200);
        java.util.concurrent.Future<?> f = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()
                .submit(() -> to.receive(got));
        f.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(got);
        return new String(got.array(), 0, got.position(), StandardCharsets.US_ASCII);
    }
}
