package org.ike4j.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.ike4j.engine.Input;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UDP side over loopback: ephemeral ports, the non-ESP marker, NAT-keepalives, ESP in UDP. */
class DaemonUdpTest {
    @TempDir
    Path dir;
    DaemonFixture f;
    DatagramSocket peer;

    @BeforeEach
    void start() throws Exception {
        f = new DaemonFixture(dir).start(ScriptedEngine.echo());
        peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer.setSoTimeout((int) DaemonFixture.WAIT.toMillis());
    }

    @AfterEach
    void stop() throws Exception {
        peer.close();
        f.close();
    }

    private byte[] exchange(InetSocketAddress to, byte[] data) throws Exception {
        peer.send(new DatagramPacket(data, data.length, to));
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        peer.receive(p);
        return Arrays.copyOf(p.getData(), p.getLength());
    }

    private void sendOnly(InetSocketAddress to, byte[] data) throws Exception {
        peer.send(new DatagramPacket(data, data.length, to));
    }

    private InetSocketAddress ike() {
        return f.daemon.ikeAddresses().getFirst();
    }

    private InetSocketAddress natt() {
        return f.daemon.nattAddresses().getFirst();
    }

    @Test
    void ephemeralPortsAreReportedOnLoopback() {
        assertEquals(1, f.daemon.ikeAddresses().size());
        assertEquals(1, f.daemon.nattAddresses().size());
        assertTrue(ike().getAddress().isLoopbackAddress());
        assertNotEquals(0, ike().getPort());
        assertNotEquals(0, natt().getPort());
        assertNotEquals(ike().getPort(), natt().getPort());
    }

    @Test
    void ikePortDatagramReachesEngineAndAnswerGoesBack() throws Exception {
        byte[] msg = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertArrayEquals(msg, exchange(ike(), msg));
        Input.Datagram d = f.engine.inputsOf(Input.Datagram.class).getFirst();
        assertArrayEquals(msg, d.data().toByteArray());
        assertFalse(d.natTraversalPort());
        assertEquals(peer.getLocalSocketAddress(), d.remote());
        assertEquals(ike(), d.local());
    }

    @Test
    void nonEspMarkerIsStrippedOnReceiveAndAddedOnSend() throws Exception {
        byte[] ikeMsg = {(byte) 0xa3, 5, (byte) 0xbb, (byte) 0xc5, 1, 2};
        byte[] wire = NatTraversal.withMarker(ikeMsg);
        assertArrayEquals(wire, exchange(natt(), wire));
        Input.Datagram d = f.engine.inputsOf(Input.Datagram.class).getFirst();
        assertArrayEquals(ikeMsg, d.data().toByteArray());
        assertTrue(d.natTraversalPort());
    }

    @Test
    void keepaliveIsIgnored() throws Exception {
        sendOnly(natt(), new byte[] {(byte) 0xff});
        byte[] next = NatTraversal.withMarker(new byte[] {42, 43});
        assertArrayEquals(next, exchange(natt(), next)); // datagrams on one loopback path keep their order
        List<Input.Datagram> got = f.engine.inputsOf(Input.Datagram.class);
        assertEquals(1, got.size());
        assertArrayEquals(new byte[] {42, 43}, got.getFirst().data().toByteArray());
    }

    @Test
    void espInUdpGoesToTheDataplaneNotTheEngine() throws Exception {
        byte[] esp = {0x5e, (byte) 0xf5, 0x26, (byte) 0x87, 0, 0, 0, 1, 9, 9, 9, 9};
        sendOnly(natt(), esp);
        sendOnly(natt(), new byte[] {0, 0, 0}); // too short for anything: dropped
        byte[] next = NatTraversal.withMarker(new byte[] {7});
        assertArrayEquals(next, exchange(natt(), next));
        assertEquals(1, f.engine.inputsOf(Input.Datagram.class).size());
        TableDataplane dp = (TableDataplane) f.daemon.dataplane();
        assertEquals(1L, (long) f.daemon.onLoop(dp::espDropped, DaemonFixture.WAIT));
    }

    @Test
    void datagramOnIkePortIsNotTreatedAsNatT() throws Exception {
        byte[] looksLikeMarker = {0, 0, 0, 0, 1};
        assertArrayEquals(looksLikeMarker, exchange(ike(), looksLikeMarker));
        assertArrayEquals(looksLikeMarker, f.engine.inputsOf(Input.Datagram.class).getFirst().data().toByteArray());
    }
}
