package org.ike4j.wire.v1;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.ByteReader;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.InetText;
import org.ike4j.wire.ErrorNotify;

/**
 * The Identification payload, RFC 2408 section 3.8, in its IPsec DOI form (RFC 2407 section
 * 4.6.2), used for Phase 1 identities and Quick Mode client identities alike:
 *
 * <pre>
 * ! Next Payload  !   RESERVED    !        Payload Length         !
 * !   ID Type     !  Protocol ID  !             Port              !
 * ~                     Identification Data                       ~
 * </pre>
 *
 * The identification data length is checked against the type (RFC 2407 sections 4.6.2.2 to
 * 4.6.2.12): 4 bytes for ID_IPV4_ADDR, 8 for the IPv4 subnet and range, 16 for ID_IPV6_ADDR and
 * 32 for the IPv6 subnet and range; names, DNs, general names, key ids and lists must not be
 * empty. A mismatch answers INVALID-ID-INFORMATION. Unknown types carry any data.
 *
 * @param idType the identification type
 * @param protocolId the IP protocol (0 = any)
 * @param port the port (0 = any)
 * @param data the identification data
 * @param reserved the generic header's RESERVED byte
 */
public record IdentificationPayload(IdType idType, int protocolId, int port, Bytes data, int reserved)
        implements Payload {
    static final String NAME = "Identification Payload";

    public IdentificationPayload {
        Checks.u8(protocolId, "protocol ID");
        Checks.u16(port, "port");
        Checks.bytes(data, Checks.MAX_BODY - 4, "identification data");
        String problem = dataProblem(idType, data.length());
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Checks.u8(reserved, "RESERVED");
    }

    public IdentificationPayload(IdType idType, int protocolId, int port, Bytes data) {
        this(idType, protocolId, port, data, 0);
    }

    /** An ID_IPV4_ADDR or ID_IPV6_ADDR identity. */
    public static IdentificationPayload address(InetAddress address, int protocolId, int port) {
        byte[] a = address.getAddress();
        return new IdentificationPayload(a.length == 4 ? IdType.IPV4_ADDR : IdType.IPV6_ADDR, protocolId, port, Bytes.wrap(a));
    }

    /** An ID_IPV4_ADDR_SUBNET or ID_IPV6_ADDR_SUBNET identity from an address and a mask. */
    public static IdentificationPayload subnet(InetAddress network, InetAddress mask, int protocolId, int port) {
        return pair(network, mask, IdType.IPV4_ADDR_SUBNET, IdType.IPV6_ADDR_SUBNET, protocolId, port);
    }

    /** An ID_IPV4_ADDR_RANGE or ID_IPV6_ADDR_RANGE identity. */
    public static IdentificationPayload range(InetAddress start, InetAddress end, int protocolId, int port) {
        return pair(start, end, IdType.IPV4_ADDR_RANGE, IdType.IPV6_ADDR_RANGE, protocolId, port);
    }

    /** An ID_FQDN identity. */
    public static IdentificationPayload fqdn(String name) {
        return new IdentificationPayload(IdType.FQDN, 0, 0, Bytes.wrap(name.getBytes(StandardCharsets.US_ASCII)));
    }

    private static IdentificationPayload pair(InetAddress a, InetAddress b, IdType v4, IdType v6, int protocolId, int port) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            throw new IllegalArgumentException("both addresses must be of one family");
        }
        byte[] d = Arrays.copyOf(x, x.length * 2);
        System.arraycopy(y, 0, d, x.length, y.length);
        return new IdentificationPayload(x.length == 4 ? v4 : v6, protocolId, port, Bytes.wrap(d));
    }

    static String dataProblem(IdType type, int length) {
        int fixed = type.fixedDataLength();
        if (fixed >= 0 && length != fixed) {
            return type.name() + " data must be " + fixed + " bytes, is " + length;
        }
        if (fixed < 0 && type.requiresData() && length == 0) {
            return type.name() + " data must not be empty";
        }
        return null;
    }

    private boolean is(IdType... types) {
        for (IdType t : types) {
            if (t.code() == idType.code()) {
                return true;
            }
        }
        return false;
    }

    private InetAddress addressAt(int offset, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = data.get(offset + i);
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen for 4 or 16 bytes
        }
    }

    private int half() {
        return data.length() / 2;
    }

    /** The address of an ID_IPV4_ADDR or ID_IPV6_ADDR identity. */
    public InetAddress address() {
        if (!is(IdType.IPV4_ADDR, IdType.IPV6_ADDR)) {
            throw new IllegalStateException(idType.name() + " is not an address");
        }
        return addressAt(0, data.length());
    }

    /** The network address of a subnet identity. */
    public InetAddress subnetAddress() {
        if (!is(IdType.IPV4_ADDR_SUBNET, IdType.IPV6_ADDR_SUBNET)) {
            throw new IllegalStateException(idType.name() + " is not a subnet");
        }
        return addressAt(0, half());
    }

    /** The mask of a subnet identity. */
    public InetAddress subnetMask() {
        if (!is(IdType.IPV4_ADDR_SUBNET, IdType.IPV6_ADDR_SUBNET)) {
            throw new IllegalStateException(idType.name() + " is not a subnet");
        }
        return addressAt(half(), half());
    }

    /** The first address of a range identity. */
    public InetAddress rangeStart() {
        if (!is(IdType.IPV4_ADDR_RANGE, IdType.IPV6_ADDR_RANGE)) {
            throw new IllegalStateException(idType.name() + " is not a range");
        }
        return addressAt(0, half());
    }

    /** The last address of a range identity. */
    public InetAddress rangeEnd() {
        if (!is(IdType.IPV4_ADDR_RANGE, IdType.IPV6_ADDR_RANGE)) {
            throw new IllegalStateException(idType.name() + " is not a range");
        }
        return addressAt(half(), half());
    }

    /** The name of an ID_FQDN, ID_USER_FQDN or ID_KEY_ID identity, read as ASCII/UTF-8. */
    public String text() {
        return new String(data.toByteArray(), StandardCharsets.UTF_8);
    }

    @Override
    public PayloadType type() {
        return PayloadType.ID;
    }

    @Override
    public int encodedBodyLength() {
        return 4 + data.length();
    }

    @Override
    public void encodeBody(ByteWriter w) {
        w.u8(idType.code()).u8(protocolId).u16(port);
        data.writeTo(w);
    }

    static IdentificationPayload decode(ByteReader r, int reserved) throws DecodeException {
        IdType type = IdType.of(r.u8(NAME + ".ID type"));
        int protocol = r.u8(NAME + ".Protocol ID");
        int port = r.u16(NAME + ".Port");
        int at = r.position();
        Bytes data = Bytes.wrap(r.rest());
        String problem = dataProblem(type, data.length());
        if (problem != null) {
            throw new DecodeException(at, NAME + ".Identification Data", ErrorNotify.V1_INVALID_ID_INFORMATION, problem);
        }
        return new IdentificationPayload(type, protocol, port, data, reserved);
    }

    @Override
    public String title() {
        return "ISAKMP Identification Payload (IPsec DOI)";
    }

    @Override
    public void describe(TreeSink b) {
        b.code("ID type", idType);
        b.field("Protocol ID", protocolId);
        b.field("port", port);
        switch (idType.code()) {
            // four octets are an IPv4 address whatever the type says, as InetAddress.getByAddress reads them
            case 1, 5 -> b.field("address",
                    data.length() == 4 ? InetText.ipv4(data, 0) : address().getHostAddress());
            case 4, 6 -> b.field("client network",
                            half() == 4 ? InetText.ipv4(data, 0) : subnetAddress().getHostAddress())
                    .field("client mask", half() == 4 ? InetText.ipv4(data, 4) : subnetMask().getHostAddress());
            case 7, 8 -> b.field("range start", half() == 4 ? InetText.ipv4(data, 0) : rangeStart().getHostAddress())
                    .field("range end", half() == 4 ? InetText.ipv4(data, 4) : rangeEnd().getHostAddress());
            case 2, 3 -> b.field("name", text());
            default -> b.hex("identification data", data);
        }
    }
}
