package org.ike4j.testkit;

import java.time.Duration;
import java.util.List;

/**
 * The topology of the smoke tests: namespaces {@code left} and {@code right} on one veth
 * (192.0.2.1/24 and 192.0.2.2/24, TEST-NET-1), each with an inner address on {@code lo}
 * (10.1.0.1 and 10.2.0.1) inside its local traffic selector, and a charon in each.
 */
final class CharonPair implements AutoCloseable {

    static final String LEFT_IP = "192.0.2.1";
    static final String RIGHT_IP = "192.0.2.2";
    static final String LEFT_INNER = "10.1.0.1";
    static final String RIGHT_INNER = "10.2.0.1";
    static final String LEFT_NET = "10.1.0.0/24";
    static final String RIGHT_NET = "10.2.0.0/24";

    final TestNetwork network = new TestNetwork();
    final NetNamespace left;
    final NetNamespace right;
    final VethPair wire;
    Charon leftCharon;
    Charon rightCharon;

    CharonPair() {
        try {
            left = network.namespace("left");
            right = network.namespace("right");
            wire = network.connect(left, LEFT_IP + "/24", right, RIGHT_IP + "/24");
            network.addAddress(left, LEFT_INNER + "/32");
            network.addAddress(right, RIGHT_INNER + "/32");
        } catch (RuntimeException | AssertionError e) {
            network.close();
            throw e;
        }
    }

    /** Starts both charons (ike 4: keys in the log) and loads one configuration each. */
    void start(SwanctlConfig leftConfig, SwanctlConfig rightConfig) {
        leftCharon = Charon.builder(left).log("ike", 4).retransmit(2, 1.0, 1.2).start();
        rightCharon = Charon.builder(right).log("ike", 4).retransmit(2, 1.0, 1.2).start();
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

    @Override
    public void close() {
        try {
            if (leftCharon != null) {
                leftCharon.close();
            }
        } finally {
            try {
                if (rightCharon != null) {
                    rightCharon.close();
                }
            } finally {
                network.close();
            }
        }
    }
}
