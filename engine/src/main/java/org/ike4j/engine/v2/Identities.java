package org.ike4j.engine.v2;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.ike4j.config.Identity;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v2.IdType;
import org.ike4j.wire.v2.IdentificationPayload;
import org.ike4j.wire.v2.PayloadType;

/** Identities in IDi/IDr payloads (RFC 7296 section 3.5) and the octets AUTH covers (2.15). */
final class Identities {
    private Identities() {
    }

    /** The ID payload for our identity; {@code %any} stands for our IP address. */
    static IdentificationPayload payload(PayloadType type, Identity id, InetAddress local) {
        return switch (id) {
            case Identity.Any any -> address(type, local);
            case Identity.IpAddress ip -> address(type, ip.address());
            case Identity.Fqdn f -> new IdentificationPayload(type, IdType.ID_FQDN,
                    Bytes.wrap(f.name().getBytes(StandardCharsets.US_ASCII)));
            case Identity.UserFqdn u -> new IdentificationPayload(type, IdType.ID_RFC822_ADDR,
                    Bytes.wrap(u.address().getBytes(StandardCharsets.US_ASCII)));
            case Identity.KeyId k -> new IdentificationPayload(type, IdType.ID_KEY_ID, Bytes.wrap(k.bytes()));
            case Identity.DistinguishedName dn -> new IdentificationPayload(type, IdType.ID_DER_ASN1_DN,
                    Bytes.wrap(dn.dn().getBytes(StandardCharsets.UTF_8)));
        };
    }

    private static IdentificationPayload address(PayloadType type, InetAddress a) {
        return new IdentificationPayload(type, a.getAddress().length == 4 ? IdType.ID_IPV4_ADDR : IdType.ID_IPV6_ADDR,
                Bytes.wrap(a.getAddress()));
    }

    /** The identity a peer's ID payload claims, or null for a type ike4j does not model. */
    static Identity identity(IdentificationPayload p) {
        byte[] d = p.data().toByteArray();
        int t = p.idType().code();
        try {
            if (t == IdType.ID_IPV4_ADDR.code() && d.length == 4 || t == IdType.ID_IPV6_ADDR.code() && d.length == 16) {
                return new Identity.IpAddress(InetAddress.getByAddress(d));
            }
        } catch (UnknownHostException e) {
            return null;
        }
        if (t == IdType.ID_FQDN.code()) {
            return new Identity.Fqdn(new String(d, StandardCharsets.US_ASCII));
        }
        if (t == IdType.ID_RFC822_ADDR.code()) {
            return new Identity.UserFqdn(new String(d, StandardCharsets.US_ASCII));
        }
        if (t == IdType.ID_KEY_ID.code()) {
            return new Identity.KeyId(d);
        }
        if (t == IdType.ID_DER_ASN1_DN.code()) {
            return new Identity.DistinguishedName(new String(d, StandardCharsets.UTF_8));
        }
        return null;
    }

    /** As logs print it. */
    static String text(IdentificationPayload p) {
        Identity i = identity(p);
        return i == null ? p.idType().name() + ":" + p.data().hex() : i.toString();
    }

    /** RestOfInitIDPayload / RestOfRespIDPayload: ID Type, the three reserved octets, the data (2.15). */
    static byte[] restOfPayload(IdentificationPayload p) {
        byte[] d = p.data().toByteArray();
        byte[] out = new byte[4 + d.length];
        out[0] = (byte) p.idType().code();
        int r = p.reserved();
        out[1] = (byte) (r >>> 16);
        out[2] = (byte) (r >>> 8);
        out[3] = (byte) r;
        System.arraycopy(d, 0, out, 4, d.length);
        return out;
    }
}
