package org.ike4j.engine.v1;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.ike4j.config.Identity;
import org.ike4j.config.TrafficSelector;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v1.IdType;
import org.ike4j.wire.v1.IdentificationPayload;

/**
 * Identities on the wire: Quick Mode client IDs (proxy-IDs, RFC 2409 section 5.5 and RFC 2407
 * section 4.6.2) to and from traffic selectors, the responder's selector match, and Phase 1
 * identities (RFC 2407 section 4.6.2.1) to and from the configured {@link Identity}.
 */
final class ProxyIds {
    private ProxyIds() {
    }

    /** ID_IPV4_ADDR for a host, _SUBNET for a prefix, _RANGE otherwise; one port or any. */
    static IdentificationPayload toPayload(TrafficSelector ts) {
        int port = ts.portFrom() == ts.portTo() ? ts.portFrom() : 0;
        int prefix = ts.prefixLength();
        int bits = ts.from().getAddress().length * 8;
        if (prefix == bits) {
            return IdentificationPayload.address(ts.from(), ts.protocol(), port);
        }
        if (prefix >= 0) {
            return IdentificationPayload.subnet(ts.from(), mask(prefix, bits / 8), ts.protocol(), port);
        }
        return IdentificationPayload.range(ts.from(), ts.to(), ts.protocol(), port);
    }

    static InetAddress mask(int prefix, int length) {
        byte[] m = new byte[length];
        for (int i = 0; i < prefix; i++) {
            m[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        try {
            return InetAddress.getByAddress(m);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A client ID as a selector; fails with a readable reason for types that are no selector. */
    static TrafficSelector toSelector(IdentificationPayload id) throws Ikev1Failure {
        int from = id.port() == 0 ? 0 : id.port();
        int to = id.port() == 0 ? 65535 : id.port();
        try {
            int t = id.idType().code();
            if (t == IdType.IPV4_ADDR.code() || t == IdType.IPV6_ADDR.code()) {
                return new TrafficSelector(id.address(), id.address(), id.protocolId(), from, to);
            }
            if (t == IdType.IPV4_ADDR_SUBNET.code() || t == IdType.IPV6_ADDR_SUBNET.code()) {
                byte[] a = id.subnetAddress().getAddress();
                byte[] m = id.subnetMask().getAddress();
                byte[] lo = new byte[a.length];
                byte[] hi = new byte[a.length];
                for (int i = 0; i < a.length; i++) {
                    lo[i] = (byte) (a[i] & m[i]);
                    hi[i] = (byte) (a[i] | ~m[i]);
                }
                return new TrafficSelector(InetAddress.getByAddress(lo), InetAddress.getByAddress(hi), id.protocolId(), from, to);
            }
            if (t == IdType.IPV4_ADDR_RANGE.code() || t == IdType.IPV6_ADDR_RANGE.code()) {
                return new TrafficSelector(id.rangeStart(), id.rangeEnd(), id.protocolId(), from, to);
            }
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new Ikev1Failure(org.ike4j.wire.v1.NotifyType.INVALID_ID_INFORMATION,
                    "client ID " + id.idType().name() + " is no valid selector: " + e.getMessage());
        }
        throw new Ikev1Failure(org.ike4j.wire.v1.NotifyType.INVALID_ID_INFORMATION,
                "client ID type " + id.idType().name() + " is no traffic selector");
    }

    /** A host's address as the selector implied when Quick Mode carries no client IDs. */
    static TrafficSelector host(InetAddress a) {
        return new TrafficSelector(a, a, 0, 0, 65535);
    }

    /** Whether {@code inner} lies within {@code outer} (addresses, protocol and ports). */
    static boolean within(TrafficSelector inner, TrafficSelector outer) {
        if (inner.from().getAddress().length != outer.from().getAddress().length) {
            return false;
        }
        if (u(inner.from()).compareTo(u(outer.from())) < 0 || u(inner.to()).compareTo(u(outer.to())) > 0) {
            return false;
        }
        if (outer.protocol() != 0 && outer.protocol() != inner.protocol()) {
            return false;
        }
        return inner.portFrom() >= outer.portFrom() && inner.portTo() <= outer.portTo();
    }

    private static BigInteger u(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    /**
     * The responder's match. Narrowing (strongSwan): the proposed selector lies within one of
     * ours, and the SA is for what was proposed. Exact (Junos proxy-identity, and 0.0.0.0/0 for a
     * route-based VPN): the proposed selector equals one of ours.
     */
    static boolean matches(TrafficSelector proposed, List<TrafficSelector> configured, boolean exact) {
        for (TrafficSelector c : configured) {
            if (exact ? c.equals(proposed) : within(proposed, c)) {
                return true;
            }
        }
        return false;
    }

    /** A selector as the diagnostics print it: {@code 0.0.0.0/0}, {@code 10.1.0.0/16[tcp/80]}. */
    static String show(TrafficSelector ts) {
        return ts.toString();
    }

    static String show(List<TrafficSelector> ts) {
        return ts.stream().map(ProxyIds::show).collect(java.util.stream.Collectors.joining(", "));
    }

    /** Our Phase 1 identity as an ID payload (protocol and port 0, as pluto sends them). */
    static IdentificationPayload phase1Id(Identity identity, InetAddress ourAddress) throws Ikev1Failure {
        try {
            return phase1IdUnchecked(identity, ourAddress);
        } catch (IllegalArgumentException e) {
            throw new Ikev1Failure(org.ike4j.wire.v1.NotifyType.INVALID_ID_INFORMATION, false,
                    "our identity '" + identity + "' cannot be sent: " + e.getMessage());
        }
    }

    private static IdentificationPayload phase1IdUnchecked(Identity identity, InetAddress ourAddress) {
        return switch (identity) {
            case Identity.IpAddress ip -> IdentificationPayload.address(ip.address(), 0, 0);
            case Identity.Fqdn f -> IdentificationPayload.fqdn(f.name());
            case Identity.UserFqdn u -> new IdentificationPayload(IdType.USER_FQDN, 0, 0,
                    Bytes.wrap(u.address().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            case Identity.KeyId k -> new IdentificationPayload(IdType.KEY_ID, 0, 0, Bytes.wrap(k.bytes()));
            case Identity.DistinguishedName dn -> IdentificationPayload.address(ourAddress, 0, 0);
            case Identity.Any any -> IdentificationPayload.address(ourAddress, 0, 0);
        };
    }

    /** A received Phase 1 ID payload as an identity, for matching and for status. */
    static Identity phase1Identity(IdentificationPayload id) {
        int t = id.idType().code();
        if (t == IdType.IPV4_ADDR.code() || t == IdType.IPV6_ADDR.code()) {
            return new Identity.IpAddress(id.address());
        }
        if (t == IdType.FQDN.code()) {
            return new Identity.Fqdn(id.text());
        }
        if (t == IdType.USER_FQDN.code()) {
            return new Identity.UserFqdn(id.text());
        }
        if (t == IdType.KEY_ID.code()) {
            return new Identity.KeyId(id.data().toByteArray());
        }
        return new Identity.Any();
    }

    /** Whether a received identity is the one configured (%any accepts all). */
    static boolean identityMatches(Identity configured, Identity received) {
        return configured instanceof Identity.Any || configured.equals(received);
    }
}
