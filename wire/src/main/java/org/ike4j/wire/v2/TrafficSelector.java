package org.ike4j.wire.v2;

import java.util.Objects;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.InetText;
import org.ike4j.wire.Tree;

/**
 * One traffic selector (RFC 7296 section 3.13.1). Every type starts with TS Type (1 octet),
 * one type-specific octet and Selector Length (2 octets). The two address range types are
 * modelled; others (TS_FC_ADDR_RANGE, TS_SECLABEL, unassigned numbers) are kept raw.
 */
public sealed interface TrafficSelector permits TrafficSelector.AddressRange, TrafficSelector.Other {

    TsType tsType();

    /**
     * TS_IPV4_ADDR_RANGE (selector length 16) or TS_IPV6_ADDR_RANGE (40).
     *
     * <pre>
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |   TS Type     |IP Protocol ID*|       Selector Length         |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |           Start Port*         |           End Port*           |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * ~                         Starting Address*                     ~
     * ~                         Ending Address*                       ~
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * </pre>
     */
    record AddressRange(TsType tsType, int ipProtocol, int startPort, int endPort, Bytes startAddress, Bytes endAddress)
            implements TrafficSelector {
        public AddressRange {
            Objects.requireNonNull(tsType);
            Objects.requireNonNull(startAddress);
            Objects.requireNonNull(endAddress);
            int n = addressLength(tsType);
            if (n < 0) {
                throw new IllegalArgumentException("not an address range type: " + tsType);
            }
            if (startAddress.length() != n || endAddress.length() != n) {
                throw new IllegalArgumentException("addresses must have " + n + " octets");
            }
            if (ipProtocol < 0 || ipProtocol > 0xff || startPort < 0 || startPort > 0xffff
                    || endPort < 0 || endPort > 0xffff) {
                throw new IllegalArgumentException("protocol or port out of range");
            }
        }
    }

    /**
     * A selector of another type, kept raw.
     *
     * @param second the octet after TS Type (IP Protocol ID or RESERVED, by type)
     * @param body everything after Selector Length
     */
    record Other(TsType tsType, int second, Bytes body) implements TrafficSelector {
        public Other {
            Objects.requireNonNull(tsType);
            Objects.requireNonNull(body);
            if (addressLength(tsType) >= 0 || tsType.code() < 0 || tsType.code() > 0xff
                    || second < 0 || second > 0xff || body.length() > 0xffff - 4) {
                throw new IllegalArgumentException("bad raw traffic selector");
            }
        }
    }

    /** Octets of one address for the address range types, else -1. */
    static int addressLength(TsType t) {
        return switch (t.code()) {
            case 7 -> 4;
            case 8 -> 16;
            default -> -1;
        };
    }

    static TrafficSelector decode(ByteReader r) throws DecodeException {
        TsType type = TsType.of(r.u8("Traffic Selector.TS Type"));
        int second = r.u8("Traffic Selector.IP Protocol ID");
        int lengthAt = r.position();
        int length = r.u16("Traffic Selector.Selector Length");
        int n = addressLength(type);
        if (n >= 0 && length != 8 + 2 * n) {
            throw r.errorAt(lengthAt, "Traffic Selector.Selector Length",
                    type.name() + " must be " + (8 + 2 * n) + " octets, is " + length);
        }
        if (length < 4 || length - 4 > r.remaining()) {
            throw r.errorAt(lengthAt, "Traffic Selector.Selector Length",
                    "length " + length + " does not fit the " + (r.remaining() + 4) + " octets left");
        }
        ByteReader s = r.slice(length - 4, "Traffic Selector.Selector Length");
        if (n < 0) {
            return new Other(type, second, Bytes.wrap(s.rest()));
        }
        int startPort = s.u16("Traffic Selector.Start Port");
        int endPort = s.u16("Traffic Selector.End Port");
        Bytes start = Bytes.wrap(s.bytes(n, "Traffic Selector.Starting Address"));
        Bytes end = Bytes.wrap(s.bytes(n, "Traffic Selector.Ending Address"));
        return new AddressRange(type, second, startPort, endPort, start, end);
    }

    default void encode(ByteWriter w) {
        switch (this) {
            case AddressRange a -> {
                w.u8(a.tsType().code()).u8(a.ipProtocol()).u16(8 + 2 * a.startAddress().length())
                        .u16(a.startPort()).u16(a.endPort());
                a.startAddress().writeTo(w);
                a.endAddress().writeTo(w);
            }
            case Other o -> {
                w.u8(o.tsType().code()).u8(o.second()).u16(4 + o.body().length());
                o.body().writeTo(w);
            }
        }
    }

    default Tree toTree() {
        return Tree.of(this::describe);
    }

    /** The selector as {@link #toTree()} shows it, as one structure of {@code b}. */
    default void describe(TreeSink b) {
        b.open("IKEv2 Traffic Selector").code("TS type", tsType());
        switch (this) {
            case AddressRange a -> b.field("IP protocol ID", a.ipProtocol())
                    .field("start port", a.startPort()).field("end port", a.endPort())
                    .field("starting address", address(a.startAddress()))
                    .field("ending address", address(a.endAddress()));
            case Other o -> b.field("second octet", o.second()).hex("selector data", o.body());
        }
        b.close();
    }

    private static String address(Bytes a) {
        if (a.length() == 4) {
            return InetText.ipv4(a, 0);
        }
        try {
            return java.net.InetAddress.getByAddress(a.toByteArray()).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return a.hex();
        }
    }
}
