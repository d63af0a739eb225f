package org.ike4j.dataplane.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Builds one netlink request: the header, a fixed structure and attributes, each padded to 4
 * bytes. Structures are filled through the {@link ByteBuffer} {@link #struct} returns (host byte
 * order; addresses, ports and SPIs go in network order with {@link #putBe16}/{@link #putBe32}).
 * Key material passes through here: {@link #wipe} zeroes the buffer once it has been sent.
 */
public final class NlMessageBuilder {
    private final int type;
    private final int flags;
    private final String description;
    private byte[] bytes = new byte[512];
    private int length = Netlink.HEADER_LENGTH;
    private final Deque<Integer> nests = new ArrayDeque<>();

    /**
     * @param description what the request does, for errors: {@code XFRM_MSG_NEWPOLICY out 10.1.0.0/24 ...}
     */
    public NlMessageBuilder(int type, int flags, String description) {
        this.type = type;
        this.flags = flags;
        this.description = description;
    }

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    public String description() {
        return description;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    private ByteBuffer view(int from, int size) {
        return ByteBuffer.wrap(bytes, from, size).slice().order(ByteOrder.nativeOrder());
    }

    /** Appends a zeroed fixed structure of {@code size} bytes (padded to 4) and returns it to fill. */
    public ByteBuffer struct(int size) {
        int padded = Netlink.align(size);
        ensure(padded);
        int at = length;
        length += padded;
        return view(at, size);
    }

    /** Appends an attribute whose value is filled by the caller through the returned buffer. */
    public ByteBuffer attribute(int attrType, int size) {
        if (size + 4 > 0xffff) {
            throw new IllegalArgumentException("attribute " + attrType + " too long: " + size);
        }
        int padded = Netlink.align(4 + size);
        ensure(padded);
        int at = length;
        ByteBuffer header = view(at, 4);
        header.putShort(0, (short) (4 + size));
        header.putShort(2, (short) attrType);
        length += padded;
        return view(at + 4, size);
    }

    public NlMessageBuilder attribute(int attrType, byte[] value) {
        attribute(attrType, value.length).put(0, value);
        return this;
    }

    public NlMessageBuilder u32(int attrType, int value) {
        attribute(attrType, 4).putInt(0, value);
        return this;
    }

    /** A NUL-terminated string attribute (IFLA_IFNAME and the like). */
    public NlMessageBuilder string(int attrType, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        attribute(attrType, Arrays.copyOf(s, s.length + 1));
        return this;
    }

    public NlMessageBuilder address(int attrType, InetAddress address) {
        return attribute(attrType, address.getAddress());
    }

    /** Starts a nested attribute; {@link #endNested} sets its length. */
    public NlMessageBuilder beginNested(int attrType) {
        ensure(4);
        nests.push(length);
        view(length, 4).putShort(2, (short) attrType);
        length += 4;
        return this;
    }

    public NlMessageBuilder endNested() {
        int at = nests.pop();
        view(at, 4).putShort(0, (short) (length - at));
        return this;
    }

    /** Writes a 16-bit value in network byte order. */
    public static void putBe16(ByteBuffer b, int offset, int value) {
        b.put(offset, (byte) (value >>> 8));
        b.put(offset + 1, (byte) value);
    }

    /** Writes a 32-bit value in network byte order. */
    public static void putBe32(ByteBuffer b, int offset, int value) {
        b.put(offset, (byte) (value >>> 24));
        b.put(offset + 1, (byte) (value >>> 16));
        b.put(offset + 2, (byte) (value >>> 8));
        b.put(offset + 3, (byte) value);
    }

    /** The finished message with its header: length, type, flags, the given sequence number, port 0. */
    public byte[] build(int seq) {
        if (!nests.isEmpty()) {
            throw new IllegalStateException("unclosed nested attribute");
        }
        ByteBuffer header = view(0, Netlink.HEADER_LENGTH);
        header.putInt(0, length);
        header.putShort(4, (short) type);
        header.putShort(6, (short) flags);
        header.putInt(8, seq);
        header.putInt(12, 0);
        return Arrays.copyOf(bytes, length);
    }

    /** Zeroes the buffer (keys). Call when the request has been sent. */
    public void wipe() {
        Arrays.fill(bytes, (byte) 0);
    }
}
