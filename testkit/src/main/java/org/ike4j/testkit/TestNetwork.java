package org.ike4j.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * A topology of namespaces and veth links made for one test; {@link #close()} removes all of it.
 *
 * <p>Veth pairs are created inside the namespaces themselves ({@code ip -n A link add X type veth
 * peer name Y netns B}), so no interface ever appears in the host's namespace, and interface names
 * only need to be unique within a namespace.
 *
 * <pre>{@code
 * try (TestNetwork net = new TestNetwork()) {
 *     NetNamespace left = net.namespace("left");
 *     NetNamespace right = net.namespace("right");
 *     VethPair wire = net.connect(left, "192.0.2.1/24", right, "192.0.2.2/24");
 *     net.addAddress(left, "10.1.0.1/32");          // on lo: an inner address for tunnel traffic
 *     net.dropRandomly(right, wire.bInterface(), 10); // 10 % loss on what right receives
 * }
 * }</pre>
 *
 * For NAT-T: put a router namespace between two links, {@link #enableForwarding} in it and
 * {@link #masquerade} on its outside interface; give the hosts default routes through it with
 * {@link #route}.
 */
public final class TestNetwork implements AutoCloseable {

    private final List<NetNamespace> namespaces = new ArrayList<>();
    private final List<VethPair> links = new ArrayList<>();

    /** Adds a new namespace to the topology. */
    public synchronized NetNamespace namespace(String label) {
        NetNamespace namespace = NetNamespace.create(label);
        namespaces.add(namespace);
        return namespace;
    }

    /** The namespaces created so far. */
    public synchronized List<NetNamespace> namespaces() {
        return List.copyOf(namespaces);
    }

    /** {@link #connect(NetNamespace, String, NetNamespace, String, int)} with MTU 1500. */
    public VethPair connect(NetNamespace a, String aAddress, NetNamespace b, String bAddress) {
        return connect(a, aAddress, b, bAddress, 1500);
    }

    /**
     * Joins two namespaces with a veth pair named {@code vethN} at both ends (N counts links).
     *
     * @param aAddress address/prefix for a's end, or null for none
     * @param bAddress address/prefix for b's end, or null for none
     */
    public synchronized VethPair connect(NetNamespace a, String aAddress, NetNamespace b, String bAddress, int mtu) {
        String name = "veth" + links.size();
        a.ip("link", "add", name, "mtu", Integer.toString(mtu), "type", "veth",
                "peer", "name", name, "mtu", Integer.toString(mtu), "netns", b.name());
        configureEnd(a, name, aAddress);
        configureEnd(b, name, bAddress);
        VethPair pair = new VethPair(a, name, aAddress, b, name, bAddress, mtu);
        links.add(pair);
        return pair;
    }

    private static void configureEnd(NetNamespace namespace, String interfaceName, String address) {
        if (address != null) {
            namespace.ip("addr", "add", address, "dev", interfaceName);
        }
        namespace.ip("link", "set", interfaceName, "up");
    }

    /** The links created so far. */
    public synchronized List<VethPair> links() {
        return List.copyOf(links);
    }

    /** Adds an address to the namespace's {@code lo} (e.g. the inner address a tunnel carries). */
    public void addAddress(NetNamespace namespace, String addressWithPrefix) {
        namespace.ip("addr", "add", addressWithPrefix, "dev", "lo");
    }

    /** Adds a route inside the namespace, e.g. {@code route(ns, "default", "192.0.2.254")}. */
    public void route(NetNamespace namespace, String destination, String via) {
        namespace.ip("route", "add", destination, "via", via);
    }

    /** Turns the namespace into a router (IPv4 forwarding on, inside that namespace only). */
    public void enableForwarding(NetNamespace namespace) {
        namespace.sysctl("net.ipv4.ip_forward", "1");
    }

    /**
     * Source-NATs everything leaving {@code outsideInterface} to that interface's address
     * (nftables masquerade in the namespace's own ruleset), the NAT in front of a NAT-T peer.
     */
    public void masquerade(NetNamespace router, String outsideInterface) {
        router.nft("""
                table ip ike4j_nat {
                  chain postrouting {
                    type nat hook postrouting priority srcnat; policy accept;
                    oifname "%s" masquerade
                  }
                }
                """.formatted(outsideInterface));
    }

    /**
     * Drops about {@code percent} % of the IP packets arriving on an interface (nftables netdev
     * ingress with {@code numgen random}), before routing, so it applies to local and forwarded
     * traffic alike; ARP passes. Replaces an earlier loss rule on the same interface.
     */
    public void dropRandomly(NetNamespace namespace, String interfaceName, int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent: " + percent);
        }
        String table = "ike4j_loss_" + interfaceName.replaceAll("[^A-Za-z0-9_]", "_");
        namespace.exec(Processes.DEFAULT_TIMEOUT, "nft", "delete", "table", "netdev", table);   // may not exist
        // Only IP: dropping ARP would stall neighbour resolution instead of losing packets.
        // numgen's values are 0..99, so "< 100" is out of its range: 100 % is a plain drop.
        String match = "meta protocol { ip, ip6 } " + (percent == 100 ? "" : "numgen random mod 100 < " + percent + " ");
        namespace.nft("""
                table netdev %s {
                  chain ingress {
                    type filter hook ingress device "%s" priority 0; policy accept;
                    %scounter drop
                  }
                }
                """.formatted(table, interfaceName, match));
    }

    /** Removes the loss rule of {@link #dropRandomly}. */
    public void stopDropping(NetNamespace namespace, String interfaceName) {
        String table = "ike4j_loss_" + interfaceName.replaceAll("[^A-Za-z0-9_]", "_");
        namespace.exec(Processes.DEFAULT_TIMEOUT, "nft", "delete", "table", "netdev", table).orThrow();
    }

    /** Deletes every namespace (their veths go with them), newest first. */
    @Override
    public synchronized void close() {
        TestKitException failure = null;
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            try {
                namespaces.get(i).close();
            } catch (RuntimeException | AssertionError e) {
                // keep closing the others; report every failure at the end
                if (failure == null) {
                    failure = new TestKitException("closing the test network failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        namespaces.clear();
        links.clear();
        if (failure != null) {
            throw failure;
        }
    }

    static String withoutPrefix(String address) {
        if (address == null) {
            return null;
        }
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }
}
