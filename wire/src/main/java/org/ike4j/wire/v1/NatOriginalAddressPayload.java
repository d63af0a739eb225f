package org.ike4j.wire.v1;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.ErrorNotify;

/**
 * The NAT-OA payload, RFC 3947 section 5.2 (type 21, or 131 in the drafts):
 *
 * <pre>
 * ! Next Payload  !   RESERVED    !        Payload length         !
 * !    ID Type    !   RESERVED    !            RESERVED           !
 * ~           IPv4 (4 octets) or IPv6 address (16 octets)         ~
 * </pre>
 *
 * Only ID_IPV4_ADDR and ID_IPV6_ADDR are allowed; another type, or an address of the wrong
 * length, answers INVALID-ID-INFORMATION.
 *
 * @param type {@link PayloadType#NAT_OA} or {@link PayloadType#NAT_OA_DRAFT}
 * @param idType ID_IPV4_ADDR or ID_IPV6_ADDR
 * @param reserved3 the three RESERVED bytes after the ID type, as one 24-bit number
 * @param address the address bytes
 * @param reserved the generic header's RESERVED byte
 */
public record NatOriginalAddressPayload(PayloadType type, IdType idType, int reserved3, Bytes address, int reserved)
        implements Payload {
    static final String NAME = "NAT-OA Payload";

    public NatOriginalAddressPayload {
        if (type.code() != PayloadType.NAT_OA.code() && type.code() != PayloadType.NAT_OA_DRAFT.code()) {
            throw new IllegalArgumentException("NAT-OA is payload type 21 or 131, not " + type.code());
        }
        String problem = problem(idType, address.length());
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Checks.u24(reserved3, "RESERVED");
        Checks.u8(reserved, "RESERVED");
    }

    public static NatOriginalAddressPayload of(InetAddress original) {
        byte[] a = original.getAddress();
        return new NatOriginalAddressPayload(PayloadType.NAT_OA, a.length == 4 ? IdType.IPV4_ADDR : IdType.IPV6_ADDR,
                0, Bytes.wrap(a), 0);
    }

    private static String problem(IdType idType, int length) {
        if (idType.code() == IdType.IPV4_ADDR.code()) {
            return length == 4 ? null : "an ID_IPV4_ADDR original address is 4 bytes, not " + length;
        }
        if (idType.code() == IdType.IPV6_ADDR.code()) {
            return length == 16 ? null : "an ID_IPV6_ADDR original address is 16 bytes, not " + length;
        }
        return "NAT-OA allows ID_IPV4_ADDR and ID_IPV6_ADDR only, not " + idType.name();
    }

    public InetAddress originalAddress() {
        try {
            return InetAddress.getByAddress(address.toByteArray());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen for 4 or 16 bytes
        }
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u8(idType.code()).u24(reserved3);
        address.writeTo(w);
    }

    static NatOriginalAddressPayload decode(PayloadType type, ByteReader r, int reserved) throws DecodeException {
        int at = r.position();
        IdType idType = IdType.of(r.u8(NAME + ".ID Type"));
        int reserved3 = r.u24(NAME + ".RESERVED");
        Bytes address = Bytes.wrap(r.rest());
        String problem = problem(idType, address.length());
        if (problem != null) {
            throw new DecodeException(at, NAME + ".ID Type", ErrorNotify.V1_INVALID_ID_INFORMATION, problem);
        }
        return new NatOriginalAddressPayload(type, idType, reserved3, address, reserved);
    }

    @Override
    public String title() {
        return type.code() == PayloadType.NAT_OA.code() ? "ISAKMP NAT-OA Payload" : "ISAKMP NAT-OA Payload (draft)";
    }

    @Override
    public void describe(TreeSink b) {
        b.code("ID type", idType);
        b.field("original address", originalAddress().getHostAddress());
    }
}
