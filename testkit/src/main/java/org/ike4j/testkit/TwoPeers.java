package org.ike4j.testkit;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The topology most interop tests run in: two namespaces of this run joined by one veth, the left
 * end 192.0.2.1/24 and the right end 192.0.2.2/24 (TEST-NET-1), each with an inner address on
 * {@code lo} (10.1.0.1 and 10.2.0.1) inside the traffic selector a tunnel between them protects
 * (10.1.0.0/24 and 10.2.0.0/24). What the test starts in them (charons, daemons, captures) it can
 * hand to {@link #own}; {@link #close()} closes those first, newest first, by PID, then deletes
 * both namespaces, and keeps going when one of them fails.
 *
 * <pre>{@code
 * try (TwoPeers peers = TwoPeers.create("left", "right")) {
 *     Charon a = peers.own(Charon.builder(peers.left()).start());
 *     Charon b = peers.own(Charon.builder(peers.right()).start());
 *     ...
 * }
 * }</pre>
 */
public final class TwoPeers implements AutoCloseable {

    /** The left end of the veth. */
    public static final String LEFT_IP = "192.0.2.1";
    /** The right end of the veth. */
    public static final String RIGHT_IP = "192.0.2.2";
    /** The left namespace's inner address, on {@code lo}. */
    public static final String LEFT_INNER = "10.1.0.1";
    /** The right namespace's inner address, on {@code lo}. */
    public static final String RIGHT_INNER = "10.2.0.1";
    /** The subnet behind the left, its traffic selector. */
    public static final String LEFT_NET = "10.1.0.0/24";
    /** The subnet behind the right, its traffic selector. */
    public static final String RIGHT_NET = "10.2.0.0/24";

    private final TestNetwork network;
    private final NetNamespace left;
    private final NetNamespace right;
    private final VethPair wire;
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();

    private TwoPeers(TestNetwork network, NetNamespace left, NetNamespace right, VethPair wire) {
        this.network = network;
        this.left = left;
        this.right = right;
        this.wire = wire;
    }

    /**
     * Makes both namespaces (uniquely named, {@code label} at the end of each name), the veth and
     * the inner addresses; removes whatever it made when a step fails.
     */
    public static TwoPeers create(String leftLabel, String rightLabel) {
        TestNetwork network = new TestNetwork();
        try {
            NetNamespace left = network.namespace(leftLabel);
            NetNamespace right = network.namespace(rightLabel);
            VethPair wire = network.connect(left, LEFT_IP + "/24", right, RIGHT_IP + "/24");
            network.addAddress(left, LEFT_INNER + "/32");
            network.addAddress(right, RIGHT_INNER + "/32");
            return new TwoPeers(network, left, right, wire);
        } catch (RuntimeException | AssertionError e) {
            network.close();
            throw e;
        }
    }

    public NetNamespace left() {
        return left;
    }

    public NetNamespace right() {
        return right;
    }

    /** The veth: {@code a} is the left's end, {@code b} the right's. */
    public VethPair wire() {
        return wire;
    }

    /** The namespaces and links, for routes, loss, MTU. */
    public TestNetwork network() {
        return network;
    }

    /** Closes {@code resource} in {@link #close()}, before the namespaces, newest first; returns it. */
    public synchronized <T extends AutoCloseable> T own(T resource) {
        owned.push(resource);
        return resource;
    }

    /**
     * Closes what it owns, newest first (processes stop by PID), then deletes both namespaces
     * (killing anything still inside them). Every step runs even when an earlier one fails; the
     * first failure is thrown at the end with the others suppressed.
     */
    @Override
    public synchronized void close() {
        Throwable failure = null;
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception | AssertionError e) {
                failure = first(failure, e);
            }
        }
        try {
            network.close();
        } catch (RuntimeException | AssertionError e) {
            failure = first(failure, e);
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new TestKitException("closing " + this + " failed", failure);
        }
    }

    private static Throwable first(Throwable failure, Throwable e) {
        if (failure == null) {
            return e;
        }
        failure.addSuppressed(e);
        return failure;
    }

    @Override
    public String toString() {
        return "two peers " + left.name() + " and " + right.name();
    }
}
