package org.ike4j.testkit;

import java.time.Duration;
import java.util.List;

/**
 * The topology of the smoke tests, {@link TwoPeers}: namespaces {@code left} and {@code right} on
 * one veth (192.0.2.1/24 and 192.0.2.2/24, TEST-NET-1), each with an inner address on {@code lo}
 * (10.1.0.1 and 10.2.0.1) inside its local traffic selector, and a charon in each.
 */
final class CharonPair implements AutoCloseable {

    static final String LEFT_IP = TwoPeers.LEFT_IP;
    static final String RIGHT_IP = TwoPeers.RIGHT_IP;
    static final String LEFT_INNER = TwoPeers.LEFT_INNER;
    static final String RIGHT_INNER = TwoPeers.RIGHT_INNER;
    static final String LEFT_NET = TwoPeers.LEFT_NET;
    static final String RIGHT_NET = TwoPeers.RIGHT_NET;

    final TwoPeers peers = TwoPeers.create("left", "right");
    final TestNetwork network = peers.network();
    final NetNamespace left = peers.left();
    final NetNamespace right = peers.right();
    final VethPair wire = peers.wire();
    Charon leftCharon;
    Charon rightCharon;

    /** Starts both charons (ike 4: keys in the log) and loads one configuration each. */
    void start(SwanctlConfig leftConfig, SwanctlConfig rightConfig) {
        leftCharon = peers.own(Charon.builder(left).log("ike", 4).retransmit(2, 1.0, 1.2).start());
        rightCharon = peers.own(Charon.builder(right).log("ike", 4).retransmit(2, 1.0, 1.2).start());
        leftCharon.swanctl().load(leftConfig);
        rightCharon.swanctl().load(rightConfig);
    }

    /** A PSK connection from one side's point of view. */
    static SwanctlConfig config(boolean leftSide, String connection, int version, String ikeProposals,
            String child, String espProposals) {
        String me = leftSide ? LEFT_IP : RIGHT_IP;
        String peer = leftSide ? RIGHT_IP : LEFT_IP;
        return new SwanctlConfig(List.of(SwanctlConfig.connection(connection)
                .version(version).localAddrs(me).remoteAddrs(peer).proposals(ikeProposals)
                .localId(me).remoteId(peer)
                .child(SwanctlConfig.child(child)
                        .localTs(leftSide ? LEFT_NET : RIGHT_NET).remoteTs(leftSide ? RIGHT_NET : LEFT_NET)
                        .espProposals(espProposals).lifeTime(Duration.ofMinutes(30)).rekeyTime(Duration.ofMinutes(20)))
                .build()),
                List.of(new SwanctlConfig.Psk("peers", "ike4j-interop-test-psk", List.of(LEFT_IP, RIGHT_IP))));
    }

    /** Stops both charons (by PID), then deletes both namespaces. */
    @Override
    public void close() {
        // a test may have put a charon of its own making in a field (the legacy route): closed too, first
        if (leftCharon != null) {
            peers.own(leftCharon);
        }
        if (rightCharon != null) {
            peers.own(rightCharon);
        }
        peers.close();
    }
}
