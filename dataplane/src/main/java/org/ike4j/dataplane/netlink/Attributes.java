package org.ike4j.dataplane.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes (struct nlattr / rtattr, the same 4-byte header) of a message, by type. Each
 * length is checked: at least the header, no further than the bytes left. A type that repeats
 * keeps every value ({@link #all}); {@link #get} returns the first.
 */
public final class Attributes {
    private final Map<Integer, List<ByteBuffer>> byType;

    private Attributes(Map<Integer, List<ByteBuffer>> byType) {
        this.byType = byType;
    }

    public static Attributes parse(ByteBuffer bytes) {
        ByteBuffer b = bytes.duplicate().order(ByteOrder.nativeOrder());
        Map<Integer, List<ByteBuffer>> map = new LinkedHashMap<>();
        int base = b.position();
        int end = b.limit();
        int at = base;
        while (end - at >= 4) {
            int length = Short.toUnsignedInt(b.getShort(at));
            int type = Short.toUnsignedInt(b.getShort(at + 2)) & Netlink.NLA_TYPE_MASK;
            if (length < 4 || length > end - at) {
                throw new NetlinkException("malformed netlink attribute type " + type + ": length " + length
                        + " with " + (end - at) + " bytes left");
            }
            map.computeIfAbsent(type, t -> new ArrayList<>()).add(b.slice(at + 4, length - 4).order(ByteOrder.nativeOrder()));
            at += Math.min(Netlink.align(length), end - at);
        }
        return new Attributes(map);
    }

    public Optional<ByteBuffer> get(int type) {
        List<ByteBuffer> values = byType.get(type);
        return values == null ? Optional.empty() : Optional.of(values.getFirst().duplicate().order(ByteOrder.nativeOrder()));
    }

    public List<ByteBuffer> all(int type) {
        return byType.getOrDefault(type, Collections.emptyList());
    }

    public boolean has(int type) {
        return byType.containsKey(type);
    }

    /** The value, which must be at least {@code size} bytes. */
    public Optional<ByteBuffer> get(int type, String name, int size) {
        Optional<ByteBuffer> v = get(type);
        v.ifPresent(b -> {
            if (b.remaining() < size) {
                throw new NetlinkException("malformed netlink attribute " + name + ": " + b.remaining()
                        + " bytes, needs " + size);
            }
        });
        return v;
    }

    public Optional<Integer> u32(int type, String name) {
        return get(type, name, 4).map(b -> b.getInt(0));
    }

    /** A NUL-terminated (or unterminated) string. */
    public Optional<String> string(int type) {
        return get(type).map(Attributes::cString);
    }

    public Optional<InetAddress> address(int type, String name) {
        return get(type).map(b -> {
            if (b.remaining() != 4 && b.remaining() != 16) {
                throw new NetlinkException("malformed netlink attribute " + name + ": address of " + b.remaining() + " bytes");
            }
            byte[] a = new byte[b.remaining()];
            b.get(0, a);
            try {
                return InetAddress.getByAddress(a);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** Reads a C string from a fixed field: up to the first NUL or the end. */
    public static String cString(ByteBuffer b) {
        int n = 0;
        while (n < b.remaining() && b.get(b.position() + n) != 0) {
            n++;
        }
        byte[] s = new byte[n];
        b.get(b.position(), s);
        return new String(s, StandardCharsets.UTF_8);
    }

    public java.util.Set<Integer> types() {
        return byType.keySet();
    }
}
