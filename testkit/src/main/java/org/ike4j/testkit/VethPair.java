package org.ike4j.testkit;

/**
 * Two namespaces joined by a veth pair, one end in each, with their addresses.
 *
 * @param a the first namespace
 * @param aInterface the interface name inside {@code a}
 * @param aAddress the address and prefix on it, e.g. {@code 192.0.2.1/24}
 * @param b the second namespace
 * @param bInterface the interface name inside {@code b}
 * @param bAddress the address and prefix on it
 * @param mtu the MTU of both ends
 */
public record VethPair(NetNamespace a, String aInterface, String aAddress,
        NetNamespace b, String bInterface, String bAddress, int mtu) {

    /** The address on {@code a}'s end without its prefix length. */
    public String aIp() {
        return TestNetwork.withoutPrefix(aAddress);
    }

    /** The address on {@code b}'s end without its prefix length. */
    public String bIp() {
        return TestNetwork.withoutPrefix(bAddress);
    }

    /** Changes the MTU of both ends. */
    public void setMtu(int newMtu) {
        a.ip("link", "set", aInterface, "mtu", Integer.toString(newMtu));
        b.ip("link", "set", bInterface, "mtu", Integer.toString(newMtu));
    }
}
