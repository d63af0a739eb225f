package org.ike4j.dataplane.xfrm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * UDP_ENCAP on a socket of this process that Java opened: found through /proc by its port, set,
 * and read back from the kernel. (Only the option: this host cannot install an ESP SA, so no
 * datagram is ever decapsulated by the kernel here.) A loopback socket on an ephemeral port;
 * nothing is sent.
 */
class UdpEncapTest {

    @Test
    void espInUdpIsSetOnTheJavaSocketBoundToThePort() throws Exception {
        try (DatagramChannel natt = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel other = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            int port = ((InetSocketAddress) natt.getLocalAddress()).getPort();
            List<Integer> fds = UdpEncap.ownUdpSockets(port);
            assertEquals(1, fds.size(), "one socket of ours on port " + port);
            int fd = fds.getFirst();
            assertEquals(0, UdpEncap.get(fd), "not set by default");
            assertEquals(fds, UdpEncap.enableOnOwnSockets(port));
            assertEquals(XfrmConstants.UDP_ENCAP_ESPINUDP, UdpEncap.get(fd));
            int otherFd = UdpEncap.ownUdpSockets(((InetSocketAddress) other.getLocalAddress()).getPort()).getFirst();
            assertEquals(0, UdpEncap.get(otherFd), "the other socket is untouched");
        }
    }

    @Test
    void noSocketOnAPortNobodyHolds() throws Exception {
        int port;
        try (DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            port = ((InetSocketAddress) c.getLocalAddress()).getPort();
        }
        assertEquals(List.of(), UdpEncap.ownUdpSockets(port));
    }
}
