package org.ike4j.config.junos;

import static org.ike4j.config.junos.JunosStatements.allow;
import static org.ike4j.config.junos.JunosStatements.choice;
import static org.ike4j.config.junos.JunosStatements.number;
import static org.ike4j.config.junos.JunosStatements.required;
import static org.ike4j.config.junos.JunosStatements.value;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Connection;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.Dpd;
import org.ike4j.config.DpdAction;
import org.ike4j.config.Endpoint;
import org.ike4j.config.Identity;
import org.ike4j.config.IkeVersion;
import org.ike4j.config.PeerAddress;
import org.ike4j.config.Problem;
import org.ike4j.config.SharedKey;
import org.ike4j.config.SourceLocation;
import org.ike4j.crypto.Secret;

/**
 * {@code security ike gateway}: the peer's address and identity, the local address (from
 * local-address or the external interface's address in the interfaces stanza), the local
 * identity (default: that address), IKE version (default v1-only), DPD and NAT-T settings, and
 * the IKE policy with its PSK.
 */
final class JunosGateway {
    private static final Set<String> IDENTITY_KINDS = Set.of("inet", "inet6", "hostname", "user-at-hostname",
            "distinguished-name", "key-id");

    private final JunosNode root;
    private final Diagnostics diagnostics;
    private final Map<String, SourceLocation> locations;

    JunosGateway(JunosNode root, Diagnostics diagnostics, Map<String, SourceLocation> locations) {
        this.root = root;
        this.diagnostics = diagnostics;
        this.locations = locations;
    }

    void gateway(JunosNode nameNode, Connection.Builder b, List<SharedKey> keys, String vpnName)
            throws ConfigException {
        List<Problem> problems = new ArrayList<>();
        JunosNode g = JunosStatements.find(root, nameNode, "ike", "gateway");
        String what = "ike gateway " + g.word();
        locations.put(what, g.location());
        allow(g, what, problems, "ike-policy", "address", "dynamic", "local-identity", "remote-identity",
                "external-interface", "local-address", "version", "dead-peer-detection", "nat-keepalive",
                "no-nat-traversal", "general-ikeid", "description", "xauth", "aaa");
        for (String unsupported : new String[] {"xauth", "aaa"}) {
            if (g.child(unsupported) != null) {
                problems.add(Problem.error(g.child(unsupported).location(), unsupported + " is not supported"));
            }
        }
        // remote address and its default identity
        PeerAddress remote = PeerAddress.ANY;
        Identity remoteId = Identity.ANY;
        JunosNode address = g.child("address");
        JunosNode dynamic = g.child("dynamic");
        if (address != null && !address.children().isEmpty()) {
            JunosNode first = address.children().getFirst();
            if (address.children().size() > 1) {
                diagnostics.note(address.children().get(1).location(), "backup gateway addresses are not supported; ike4j uses "
                        + first.word());
            }
            InetAddress a = JunosValues.literal(first.word());
            remote = a != null ? PeerAddress.of(a) : new PeerAddress.Hostname(first.word());
            remoteId = a != null ? new Identity.IpAddress(a) : new Identity.Fqdn(first.word());
        } else if (dynamic != null) {
            remoteId = identity(dynamic, "dynamic", problems, false);
        } else {
            problems.add(Problem.error(g.location(), "expected 'address' or 'dynamic' in " + what));
        }
        JunosNode rid = g.child("remote-identity");
        if (rid != null) {
            remoteId = identity(rid, "remote-identity", problems, true);
        }
        if (g.child("general-ikeid") != null) {
            remoteId = Identity.ANY;
        }
        // local address: local-address, else the external interface's address
        PeerAddress local = PeerAddress.ANY;
        JunosNode la = value(g, "local-address", false, problems);
        JunosNode ext = la == null ? required(g, "external-interface", what, problems)
                : value(g, "external-interface", false, problems);
        if (la != null) {
            InetAddress a = JunosValues.literal(la.word());
            if (a == null) {
                problems.add(Problem.error(la.location(), "expected an address after 'local-address', found '" + la.word() + "'"));
            } else {
                local = PeerAddress.of(a);
            }
        } else if (ext != null) {
            InetAddress a = interfaceAddress(ext.word());
            if (a == null) {
                problems.add(Problem.error(ext.location(), "external-interface " + ext.word()
                        + " has no 'family inet address' in the interfaces stanza"));
            } else {
                local = PeerAddress.of(a);
            }
        }
        Identity localId = local instanceof PeerAddress.Ip ip ? new Identity.IpAddress(ip.address()) : Identity.ANY;
        JunosNode lid = g.child("local-identity");
        if (lid != null) {
            localId = identity(lid, "local-identity", problems, false);
        }
        JunosNode version = choice(g, "version", problems, "v1-only", "v2-only");
        if (version != null) {
            b.ikeVersion(version.word().equals("v2-only") ? IkeVersion.IKEV2 : IkeVersion.IKEV1);
        }
        dpd(g, b, problems);
        JunosNode ka = value(g, "nat-keepalive", false, problems);
        if (ka != null) {
            b.natKeepalive(Duration.ofSeconds(number(ka, "nat-keepalive", 1, 300, problems)));
        }
        if (g.child("no-nat-traversal") != null) {
            b.natTraversal(false);
        }
        b.local(new Endpoint(local, 0, localId, List.of()));
        b.remote(new Endpoint(remote, 0, remoteId, List.of()));

        JunosNode policyName = required(g, "ike-policy", what, problems);
        Secret psk = null;
        if (policyName != null) {
            try {
                psk = new JunosIke(root, diagnostics, locations).ikePolicy(policyName, b);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (problems.isEmpty() && b.ikeVersion() == IkeVersion.IKEV1
                && b.ikeProposals().stream().anyMatch(p -> p.encryption().getFirst().isAead())) {
            // RFC 2409 defines no combined-mode ciphers for the ISAKMP SA; Junos allows GCM with IKEv2 only.
            problems.add(Problem.error(g.location(), what + ": GCM IKE proposals need 'version v2-only'"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        if (psk != null) {
            keys.add(new SharedKey(List.of(localId, remoteId), psk, vpnName));
        }
    }

    private void dpd(JunosNode g, Connection.Builder b, List<Problem> problems) {
        JunosNode d = g.child("dead-peer-detection");
        if (d == null) {
            return;
        }
        allow(d, "dead-peer-detection", problems, "interval", "threshold", "always-send", "optimized",
                "probe-idle-tunnel");
        int interval = 10;
        int threshold = 5;
        JunosNode i = value(d, "interval", false, problems);
        if (i != null) {
            interval = number(i, "interval", 2, 60, problems);
        }
        JunosNode t = value(d, "threshold", false, problems);
        if (t != null) {
            threshold = number(t, "threshold", 1, 5, problems);
        }
        b.dpd(new Dpd(DpdAction.CLEAR, Duration.ofSeconds(interval), Duration.ofSeconds((long) interval * threshold),
                d.child("always-send") != null));
    }

    /** local-identity, remote-identity or dynamic: {@code inet A}, {@code hostname H}, ... */
    private Identity identity(JunosNode n, String statement, List<Problem> problems, boolean remote) {
        // dynamic also holds settings that are no identity (ike-user-type, connections-limit)
        JunosNode kind = n.children().stream().filter(c -> IDENTITY_KINDS.contains(c.word())).findFirst()
                .orElse(n.children().isEmpty() ? null : n.children().getFirst());
        String expected = "expected one of inet, inet6, hostname, user-at-hostname, distinguished-name, key-id after '"
                + statement + "'";
        if (kind == null) {
            problems.add(Problem.error(n.location(), expected));
            return Identity.ANY;
        }
        JunosNode v = kind.children().isEmpty() ? null : kind.children().getFirst();
        switch (kind.word()) {
            case "inet", "inet6" -> {
                InetAddress a = v == null ? null : JunosValues.literal(v.word());
                if (a == null) {
                    problems.add(Problem.error(v == null ? kind.location() : v.location(), "expected an address after '" + kind.word() + "'"));
                    return Identity.ANY;
                }
                return new Identity.IpAddress(a);
            }
            case "hostname" -> {
                if (v == null) {
                    break;
                }
                return new Identity.Fqdn(v.word());
            }
            case "user-at-hostname" -> {
                if (v == null) {
                    break;
                }
                return new Identity.UserFqdn(v.word());
            }
            case "key-id" -> {
                if (v == null) {
                    break;
                }
                return new Identity.KeyId(v.word().getBytes(StandardCharsets.UTF_8));
            }
            case "distinguished-name" -> {
                JunosNode container = kind.child("container");
                if (!remote || container == null || container.children().isEmpty()) {
                    problems.add(Problem.error(kind.location(), "distinguished-name identities need certificates,"
                            + " which are not supported yet"));
                    return Identity.ANY;
                }
                return new Identity.DistinguishedName(container.children().getFirst().word());
            }
            default -> {
                problems.add(Problem.error(kind.location(), expected + ", found '" + kind.word() + "'"));
                return Identity.ANY;
            }
        }
        problems.add(Problem.error(kind.location(), "expected a value after '" + kind.word() + "'"));
        return Identity.ANY;
    }

    /** The first inet address of an interface unit such as {@code ge-0/0/3.0} (unit 0 if none given). */
    private InetAddress interfaceAddress(String name) {
        int dot = name.lastIndexOf('.');
        String ifd = dot < 0 ? name : name.substring(0, dot);
        String unit = dot < 0 ? "0" : name.substring(dot + 1);
        JunosNode inet = root.at("interfaces", ifd, "unit", unit, "family", "inet", "address");
        if (inet == null) {
            return null;
        }
        for (JunosNode a : inet.children()) {
            String w = a.word();
            InetAddress addr = JunosValues.literal(w.contains("/") ? w.substring(0, w.indexOf('/')) : w);
            if (addr != null) {
                return addr;
            }
        }
        return null;
    }
}
