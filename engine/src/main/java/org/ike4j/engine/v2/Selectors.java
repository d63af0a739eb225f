package org.ike4j.engine.v2;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.ike4j.config.TrafficSelector;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v2.TsType;

/**
 * Traffic selectors (RFC 7296 section 3.13): the configuration's to the wire's and back, and the
 * narrowing of section 2.9 (the responder answers with the intersection of what was proposed and
 * what its policy allows).
 */
final class Selectors {
    private Selectors() {
    }

    /** A side's selectors; none configured means the endpoint's own address (strongSwan's %dynamic). */
    static List<TrafficSelector> ofSide(List<TrafficSelector> configured, InetAddress endpoint) {
        if (!configured.isEmpty()) {
            return configured;
        }
        return List.of(new TrafficSelector(endpoint, endpoint, 0, 0, 65535));
    }

    static List<org.ike4j.wire.v2.TrafficSelector> toWire(List<TrafficSelector> ts) {
        return ts.stream().map(t -> (org.ike4j.wire.v2.TrafficSelector) new org.ike4j.wire.v2.TrafficSelector.AddressRange(
                t.from().getAddress().length == 4 ? TsType.TS_IPV4_ADDR_RANGE : TsType.TS_IPV6_ADDR_RANGE,
                t.protocol(), t.portFrom(), t.portTo(), Bytes.wrap(t.from().getAddress()),
                Bytes.wrap(t.to().getAddress()))).toList();
    }

    /** The address ranges among the peer's selectors; other types are skipped (3.13.1). */
    static List<TrafficSelector> fromWire(List<org.ike4j.wire.v2.TrafficSelector> ts) {
        List<TrafficSelector> out = new ArrayList<>();
        for (org.ike4j.wire.v2.TrafficSelector t : ts) {
            if (t instanceof org.ike4j.wire.v2.TrafficSelector.AddressRange r) {
                try {
                    out.add(new TrafficSelector(InetAddress.getByAddress(r.startAddress().toByteArray()),
                            InetAddress.getByAddress(r.endAddress().toByteArray()), r.ipProtocol(), r.startPort(),
                            r.endPort()));
                } catch (UnknownHostException | IllegalArgumentException e) {
                    // an empty or malformed range selects nothing
                }
            }
        }
        return out;
    }

    /** Every non-empty intersection of a proposed selector with an allowed one, in proposed order. */
    static List<TrafficSelector> narrow(List<TrafficSelector> proposed, List<TrafficSelector> allowed) {
        List<TrafficSelector> out = new ArrayList<>();
        for (TrafficSelector p : proposed) {
            for (TrafficSelector a : allowed) {
                TrafficSelector i = intersect(p, a);
                if (i != null && !out.contains(i)) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    /** Whether every selector of {@code inner} lies within one of {@code outer}. */
    static boolean within(List<TrafficSelector> inner, List<TrafficSelector> outer) {
        return inner.stream().allMatch(i -> outer.stream().anyMatch(o -> i.equals(intersect(i, o))));
    }

    static TrafficSelector intersect(TrafficSelector a, TrafficSelector b) {
        if (a.from().getAddress().length != b.from().getAddress().length) {
            return null;
        }
        if (a.protocol() != 0 && b.protocol() != 0 && a.protocol() != b.protocol()) {
            return null;
        }
        BigInteger from = max(num(a.from()), num(b.from()));
        BigInteger to = min(num(a.to()), num(b.to()));
        int pf = Math.max(a.portFrom(), b.portFrom());
        int pt = Math.min(a.portTo(), b.portTo());
        if (from.compareTo(to) > 0 || pf > pt) {
            return null;
        }
        int len = a.from().getAddress().length;
        return new TrafficSelector(addr(from, len), addr(to, len), Math.max(a.protocol(), b.protocol()), pf, pt);
    }

    private static BigInteger num(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    private static BigInteger max(BigInteger a, BigInteger b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static BigInteger min(BigInteger a, BigInteger b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static InetAddress addr(BigInteger n, int len) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[len];
        int copy = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static String show(List<TrafficSelector> ts) {
        return ts.stream().map(TrafficSelector::toString).reduce((x, y) -> x + " " + y).orElse("(none)");
    }
}
