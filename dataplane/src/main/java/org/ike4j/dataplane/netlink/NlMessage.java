package org.ike4j.dataplane.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One netlink message as received: the header fields and the payload after the 16-byte header.
 * {@link #parseAll} splits a datagram, checking every length against what is there.
 *
 * @param payload the bytes after the header, host byte order, position 0
 */
public record NlMessage(int type, int flags, int seq, int pid, ByteBuffer payload) {

    /** The messages of one datagram. A length that runs past the end or below a header throws. */
    public static List<NlMessage> parseAll(ByteBuffer datagram) {
        ByteBuffer b = datagram.duplicate().order(ByteOrder.nativeOrder());
        List<NlMessage> out = new ArrayList<>();
        while (b.remaining() >= Netlink.HEADER_LENGTH) {
            int start = b.position();
            int length = b.getInt(start);
            if (length < Netlink.HEADER_LENGTH || length > b.remaining()) {
                throw new NetlinkException("malformed netlink message: length " + Integer.toUnsignedString(length)
                        + " with " + b.remaining() + " bytes left at offset " + start);
            }
            int type = Short.toUnsignedInt(b.getShort(start + 4));
            int flags = Short.toUnsignedInt(b.getShort(start + 6));
            int seq = b.getInt(start + 8);
            int pid = b.getInt(start + 12);
            ByteBuffer payload = b.slice(start + Netlink.HEADER_LENGTH, length - Netlink.HEADER_LENGTH)
                    .order(ByteOrder.nativeOrder());
            out.add(new NlMessage(type, flags, seq, pid, payload));
            b.position(start + Math.min(Netlink.align(length), b.remaining()));
        }
        if (b.hasRemaining()) {
            throw new NetlinkException("malformed netlink datagram: " + b.remaining() + " trailing bytes");
        }
        return out;
    }

    /** The payload must hold at least a fixed structure of this size. */
    public ByteBuffer struct(String name, int size) {
        if (payload.remaining() < size) {
            throw new NetlinkException("malformed netlink message type " + type + ": " + payload.remaining()
                    + " bytes, " + name + " needs " + size);
        }
        return payload.slice(0, size).order(ByteOrder.nativeOrder());
    }

    /** The attributes after a fixed structure of {@code structSize} bytes (aligned to 4). */
    public Attributes attributes(int structSize) {
        int start = Netlink.align(structSize);
        if (start > payload.remaining()) {
            return Attributes.parse(ByteBuffer.allocate(0));
        }
        return Attributes.parse(payload.slice(start, payload.remaining() - start));
    }
}
