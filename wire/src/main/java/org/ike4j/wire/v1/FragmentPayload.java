package org.ike4j.wire.v1;

import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;

/**
 * The IKEv1 fragment payload (type 132) in the format Cisco introduced and strongSwan and
 * libreswan follow: a fragment carries a slice of a whole ISAKMP message.
 *
 * <pre>
 * ! Next Payload  !   RESERVED    !         Payload Length        !
 * !          Fragment ID          !  Fragment Num !     Flags     !
 * ~                         Fragment Data                         ~
 * </pre>
 *
 * @param fragmentId the same for all fragments of one message
 * @param number the fragment number, from 1
 * @param flags {@link #LAST} on the last fragment; other bits kept as received
 * @param data the fragment data
 * @param reserved the generic header's RESERVED byte
 */
public record FragmentPayload(int fragmentId, int number, int flags, Bytes data, int reserved) implements Payload {
    /** Set on the last fragment of a message. */
    public static final int LAST = 0x01;
    static final String NAME = "Fragment Payload";

    public FragmentPayload {
        Checks.u16(fragmentId, "fragment ID");
        Checks.u8(number, "fragment number");
        Checks.u8(flags, "flags");
        Checks.bytes(data, Checks.MAX_BODY - 4, "fragment data");
        Checks.u8(reserved, "RESERVED");
    }

    public FragmentPayload(int fragmentId, int number, boolean last, Bytes data) {
        this(fragmentId, number, last ? LAST : 0, data, 0);
    }

    public boolean isLast() {
        return (flags & LAST) != 0;
    }

    @Override
    public PayloadType type() {
        return PayloadType.FRAGMENT;
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u16(fragmentId).u8(number).u8(flags);
        data.writeTo(w);
    }

    static FragmentPayload decode(ByteReader r, int reserved) throws DecodeException {
        int id = r.u16(NAME + ".Fragment ID");
        int number = r.u8(NAME + ".Fragment Number");
        int flags = r.u8(NAME + ".Flags");
        return new FragmentPayload(id, number, flags, Bytes.wrap(r.rest()), reserved);
    }

    @Override
    public String title() {
        return "ISAKMP Fragment Payload";
    }

    @Override
    public void describe(TreeSink b) {
        b.field("fragment ID", fragmentId);
        b.field("fragment number", number);
        b.field("flags", (isLast() ? "LAST " : "") + String.format("(0x%02x)", flags));
        b.hex("fragment data", data);
    }
}
