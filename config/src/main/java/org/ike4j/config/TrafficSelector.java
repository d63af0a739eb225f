package org.ike4j.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A traffic selector (IKEv2, RFC 7296 section 3.13.1) or proxy-ID (IKEv1 Quick Mode client
 * identity, RFC 2409 section 5.5): an address range with an IP protocol (0 = any) and a port
 * range (0..65535 = any).
 */
public record TrafficSelector(InetAddress from, InetAddress to, int protocol, int portFrom, int portTo) {

    public TrafficSelector {
        if (from.getAddress().length != to.getAddress().length) {
            throw new IllegalArgumentException("address families differ: " + from + " " + to);
        }
        if (new BigInteger(1, from.getAddress()).compareTo(new BigInteger(1, to.getAddress())) > 0) {
            throw new IllegalArgumentException("empty range " + from.getHostAddress() + "-" + to.getHostAddress());
        }
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("protocol " + protocol);
        }
        if (portFrom < 0 || portTo > 65535 || portFrom > portTo) {
            throw new IllegalArgumentException("ports " + portFrom + "-" + portTo);
        }
    }

    /** All addresses of the network {@code address/prefix}, any protocol and port. */
    public static TrafficSelector subnet(InetAddress address, int prefix) {
        return subnet(address, prefix, 0, 0, 65535);
    }

    public static TrafficSelector subnet(InetAddress address, int prefix, int protocol, int portFrom, int portTo) {
        byte[] a = address.getAddress();
        int bits = a.length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix /" + prefix + " for " + address.getHostAddress());
        }
        byte[] lo = a.clone();
        byte[] hi = a.clone();
        for (int i = prefix; i < bits; i++) {
            lo[i / 8] &= (byte) ~(0x80 >>> (i % 8));
            hi[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        try {
            return new TrafficSelector(InetAddress.getByAddress(lo), InetAddress.getByAddress(hi), protocol, portFrom, portTo);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** The prefix length if the range is exactly one CIDR network, else -1. */
    public int prefixLength() {
        BigInteger lo = new BigInteger(1, from.getAddress());
        BigInteger hi = new BigInteger(1, to.getAddress());
        BigInteger size = hi.subtract(lo).add(BigInteger.ONE);
        if (size.bitCount() != 1) {
            return -1;
        }
        int hostBits = size.bitLength() - 1;
        if (lo.getLowestSetBit() < hostBits && lo.signum() != 0) {
            return -1;
        }
        return from.getAddress().length * 8 - hostBits;
    }

    public boolean anyProtocol() {
        return protocol == 0;
    }

    public boolean anyPort() {
        return portFrom == 0 && portTo == 65535;
    }

    @Override
    public String toString() {
        int prefix = prefixLength();
        String range = prefix >= 0 ? from.getHostAddress() + "/" + prefix
                : from.getHostAddress() + "-" + to.getHostAddress();
        if (anyProtocol() && anyPort()) {
            return range;
        }
        String port = anyPort() ? "%any" : portFrom == portTo ? Integer.toString(portFrom) : portFrom + "-" + portTo;
        return range + "[" + protocol + "/" + port + "]";
    }
}
