package org.ike4j.config.junos;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ike4j.config.AuthMethod;
import org.ike4j.config.Binding;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.DfBit;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.Dpd;
import org.ike4j.config.DpdAction;
import org.ike4j.config.Encryption;
import org.ike4j.config.Endpoint;
import org.ike4j.config.GlobalSettings;
import org.ike4j.config.Identity;
import org.ike4j.config.IkeProposal;
import org.ike4j.config.IkeVersion;
import org.ike4j.config.Ikev1Mode;
import org.ike4j.config.Lifetimes;
import org.ike4j.config.PeerAddress;
import org.ike4j.config.Problem;
import org.ike4j.config.Secrets;
import org.ike4j.config.SharedKey;
import org.ike4j.config.SourceLocation;
import org.ike4j.config.StartAction;
import org.ike4j.config.TrafficSelector;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.Secret;

/**
 * Maps the Junos tree onto the model: each {@code security ipsec vpn} becomes a connection, with
 * its IKE gateway, IKE policy and proposals, and IPsec policy and proposals. Junos defaults
 * apply where statements are absent (IKE lifetime 28800 s, IPsec lifetime 3600 s, main mode,
 * IKEv1, establish-tunnels on-traffic, anti-replay window 64, DF bit clear; a route-based VPN
 * without proxy-identity negotiates 0.0.0.0/0 on both sides). Statements outside security
 * ike/ipsec are skipped with a note; the interfaces stanza only resolves external-interface
 * addresses.
 */
final class JunosMapper {
    // SRX documentation of [edit security ike|ipsec proposal] lifetime-seconds: IKE 28800 s,
    // IPsec 3600 s. (JUNOS 9.x documented 28800 s for IPsec SAs of the older services stanza.)
    static final Duration IKE_LIFETIME = Duration.ofSeconds(28800);
    static final Duration IPSEC_LIFETIME = Duration.ofSeconds(3600);
    static final int REPLAY_WINDOW = 64;
    static final Duration NAT_KEEPALIVE = Duration.ofSeconds(5);

    private static final Set<String> IDENTITY_KINDS = Set.of("inet", "inet6", "hostname", "user-at-hostname",
            "distinguished-name", "key-id");

    private final JunosNode root;
    private final Diagnostics diagnostics;
    private final Set<Problem> errors = new LinkedHashSet<>();
    private final Map<String, SourceLocation> locations = new LinkedHashMap<>();

    JunosMapper(JunosNode root, Diagnostics diagnostics) {
        this.root = root;
        this.diagnostics = diagnostics;
    }

    /** An IKE proposal with the settings Junos keeps beside it. */
    private record IkeParsed(IkeProposal proposal, Duration lifetime, AuthMethod auth) {
    }

    private record ChildParsed(ChildProposal proposal, Duration lifetime, long bytes) {
    }

    Configuration map() {
        Map<String, String> debug = new LinkedHashMap<>();
        for (JunosNode top : root.children()) {
            switch (top.word()) {
                case "security" -> security(top, debug);
                case "interfaces" -> diagnostics.note(top.location(),
                        "interfaces: used only to resolve external-interface addresses");
                default -> diagnostics.note(top.location(), "'" + top.word() + "' skipped (not IKE/IPsec configuration)");
            }
        }
        Map<String, Connection> connections = new LinkedHashMap<>();
        List<SharedKey> keys = new ArrayList<>();
        JunosNode vpns = root.at("security", "ipsec", "vpn");
        if (vpns != null) {
            for (JunosNode vpn : vpns.children()) {
                locations.put("conn " + vpn.word(), vpn.location());
                try {
                    connections.put(vpn.word(), vpn(vpn, keys));
                } catch (ConfigException e) {
                    errors.addAll(e.problems());
                    errors.add(Problem.error(vpn.location(), "vpn " + vpn.word() + " refused"));
                }
            }
        }
        errors.forEach(diagnostics::add);
        return new Configuration(connections, new Secrets(keys), new GlobalSettings(debug, Map.of()), locations,
                diagnostics.problems());
    }

    private void security(JunosNode security, Map<String, String> debug) {
        for (JunosNode n : security.children()) {
            switch (n.word()) {
                case "ike", "ipsec" -> {
                    for (JunosNode c : n.children()) {
                        switch (c.word()) {
                            case "proposal", "policy", "gateway", "vpn" -> {
                            }
                            case "traceoptions" -> traceoptions(n.word(), c, debug);
                            default -> diagnostics.note(c.location(), "security " + n.word() + " " + c.word()
                                    + " is not used by ike4j; skipped");
                        }
                    }
                }
                default -> diagnostics.note(n.location(), "security " + n.word() + " skipped (not IKE/IPsec configuration)");
            }
        }
    }

    /** traceoptions turn on debugging: the flags if any, else "file" (Junos then traces only errors). */
    private void traceoptions(String what, JunosNode t, Map<String, String> debug) {
        JunosNode flags = t.child("flag");
        List<String> names = new ArrayList<>();
        if (flags != null) {
            flags.children().forEach(f -> names.add(f.word()));
        }
        debug.put("junos-" + what, names.isEmpty() ? "file" : String.join(",", names));
        diagnostics.note(t.location(), "security " + what + " traceoptions turn on " + what + " debug logging");
    }

    // ---- vpn ----

    private Connection vpn(JunosNode vpn, List<SharedKey> keys) throws ConfigException {
        List<Problem> problems = new ArrayList<>();
        String name = vpn.word();
        Connection.Builder b = Connection.builder(name);
        b.ikeVersion(IkeVersion.IKEV1);
        b.keyingTries(0);
        b.mobike(false);
        b.natKeepalive(NAT_KEEPALIVE);
        b.replayWindow(REPLAY_WINDOW);
        b.startAction(StartAction.ROUTE);
        b.lifetimes(Lifetimes.DEFAULTS.withIke(IKE_LIFETIME).withIpsec(IPSEC_LIFETIME));
        allow(vpn, "vpn " + name, problems, "bind-interface", "ike", "establish-tunnels", "df-bit", "vpn-monitor",
                "description", "manual", "traffic-selector");
        JunosNode ike = vpn.child("ike");
        JunosNode manual = vpn.child("manual");
        if (manual != null) {
            throw new ConfigException(manual.location(), "manual keying is not supported (vpn " + name + ")");
        }
        if (ike == null) {
            throw new ConfigException(vpn.location(), "expected 'ike { gateway ...; ipsec-policy ...; }' in vpn " + name);
        }
        allow(ike, "vpn " + name + " ike", problems, "gateway", "ipsec-policy", "proxy-identity", "no-anti-replay",
                "idle-time", "install-interval");
        JunosNode vpnMonitor = vpn.child("vpn-monitor");
        if (vpnMonitor != null) {
            diagnostics.note(vpnMonitor.location(), "vpn-monitor is not implemented; ignored");
        }
        for (String ignored : new String[] {"idle-time", "install-interval"}) {
            if (ike.child(ignored) != null) {
                diagnostics.note(ike.child(ignored).location(), ignored + " is not implemented; ignored");
            }
        }
        if (vpn.child("traffic-selector") != null) {
            problems.add(Problem.error(vpn.child("traffic-selector").location(),
                    "traffic-selector is not supported yet; use proxy-identity"));
        }
        JunosNode bind = value(vpn, "bind-interface", false, problems);
        if (bind != null) {
            b.binding(new Binding.Interface(bind.word()));
        }
        JunosNode est = choice(vpn, "establish-tunnels", problems, "immediately", "on-traffic");
        if (est != null) {
            b.startAction(est.word().equals("immediately") ? StartAction.START : StartAction.ROUTE);
        }
        JunosNode df = choice(vpn, "df-bit", problems, "clear", "set", "copy");
        if (df != null) {
            b.dfBit(switch (df.word()) {
                case "set" -> DfBit.SET;
                case "copy" -> DfBit.COPY;
                default -> DfBit.CLEAR;
            });
        }
        if (ike.child("no-anti-replay") != null) {
            b.replayWindow(0);
        }

        // IPsec policy and proposals
        JunosNode ipsecPolicyName = required(ike, "ipsec-policy", "vpn " + name + " ike", problems);
        if (ipsecPolicyName != null) {
            try {
                ipsecPolicy(ipsecPolicyName, b);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        // IKE gateway, policy, proposals, and the PSK
        JunosNode gatewayName = required(ike, "gateway", "vpn " + name + " ike", problems);
        if (gatewayName != null) {
            try {
                gateway(gatewayName, b, keys, name);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (problems.isEmpty()) {
            proxyIdentity(ike, bind != null, b, problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return b.build();
    }

    private void proxyIdentity(JunosNode ike, boolean routeBased, Connection.Builder b, List<Problem> problems) {
        JunosNode pid = ike.child("proxy-identity");
        boolean v4 = !(b.local().address() instanceof PeerAddress.Ip ip) || ip.address().getAddress().length == 4;
        TrafficSelector all = TrafficSelector.subnet(JunosValues.literal(v4 ? "0.0.0.0" : "::"), 0);
        if (pid == null) {
            if (!routeBased) {
                diagnostics.note(ike.location(), "policy-based VPN: Junos takes the proxy-IDs from the security policy,"
                        + " which ike4j does not read; using 0.0.0.0/0 on both sides");
            }
            b.local(withSelectors(b.local(), List.of(all)));
            b.remote(withSelectors(b.remote(), List.of(all)));
            return;
        }
        allow(pid, "proxy-identity", problems, "local", "remote", "service");
        int[] service = {0, -1};
        JunosNode svc = value(pid, "service", false, problems);
        if (svc != null) {
            service = JunosValues.SERVICES.get(svc.word());
            if (service == null) {
                problems.add(Problem.error(svc.location(), "unknown service '" + svc.word()
                        + "' (ike4j knows any and the predefined junos-* applications)"));
                return;
            }
        }
        TrafficSelector local = prefix(value(pid, "local", false, problems), all, service[0], -1, problems);
        TrafficSelector remote = prefix(value(pid, "remote", false, problems), all, service[0], service[1], problems);
        if (local != null && remote != null) {
            b.local(withSelectors(b.local(), List.of(local)));
            b.remote(withSelectors(b.remote(), List.of(remote)));
        }
    }

    private static Endpoint withSelectors(Endpoint e, List<TrafficSelector> s) {
        return new Endpoint(e.address(), e.port(), e.identity(), s);
    }

    private static TrafficSelector prefix(JunosNode n, TrafficSelector dflt, int protocol, int port,
                                          List<Problem> problems) {
        int from = port < 0 ? 0 : port;
        int to = port < 0 ? 65535 : port;
        if (n == null) {
            return new TrafficSelector(dflt.from(), dflt.to(), protocol, from, to);
        }
        String w = n.word();
        int slash = w.indexOf('/');
        InetAddress a = JunosValues.literal(slash < 0 ? w : w.substring(0, slash));
        try {
            if (a == null) {
                throw new NumberFormatException();
            }
            int bits = a.getAddress().length * 8;
            int len = slash < 0 ? bits : Integer.parseInt(w.substring(slash + 1));
            if (len < 0 || len > bits) {
                throw new NumberFormatException();
            }
            return TrafficSelector.subnet(a, len, protocol, from, to);
        } catch (NumberFormatException e) {
            problems.add(Problem.error(n.location(), "expected a prefix such as 10.0.0.0/24, found '" + w + "'"));
            return null;
        }
    }

    // ---- IPsec ----

    private void ipsecPolicy(JunosNode nameNode, Connection.Builder b) throws ConfigException {
        List<Problem> problems = new ArrayList<>();
        JunosNode policy = find(nameNode, "ipsec", "policy");
        locations.put("ipsec policy " + policy.word(), policy.location());
        allow(policy, "ipsec policy " + policy.word(), problems, "proposals", "perfect-forward-secrecy", "proposal-set",
                "description");
        if (policy.child("proposal-set") != null) {
            problems.add(Problem.error(policy.child("proposal-set").location(),
                    "proposal-set is not supported yet; list proposals explicitly"));
        }
        List<DhGroup> pfs = List.of();
        JunosNode pfsNode = policy.child("perfect-forward-secrecy");
        if (pfsNode != null) {
            JunosNode group = choice(pfsNode, "keys", problems, JunosValues.DH_GROUPS.keySet().stream().sorted().toArray(String[]::new));
            if (group == null && problems.isEmpty()) {
                problems.add(Problem.error(pfsNode.location(), "expected 'keys groupN' in perfect-forward-secrecy"));
            } else if (group != null) {
                pfs = List.of(JunosValues.DH_GROUPS.get(group.word()));
            }
        }
        JunosNode names = policy.child("proposals");
        if (names == null || names.children().isEmpty()) {
            if (policy.child("proposal-set") == null) {
                problems.add(Problem.error(policy.location(), "expected 'proposals' in ipsec policy " + policy.word()));
            }
            throw new ConfigException(problems);
        }
        List<ChildProposal> out = new ArrayList<>();
        Duration life = null;
        long bytes = 0;
        for (JunosNode n : names.children()) {
            try {
                ChildParsed p = ipsecProposal(n);
                out.add(p.proposal().withPfsGroups(pfs));
                if (life == null) {
                    life = p.lifetime();
                    bytes = p.bytes();
                } else if (!life.equals(p.lifetime()) || bytes != p.bytes()) {
                    diagnostics.note(n.location(), "ipsec proposals of one policy differ in lifetime; ike4j uses the first");
                }
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        b.childProposals(out);
        b.childProposalsStrict(true);
        b.lifetimes(b.lifetimes().withIpsec(life).withIpsecBytes(bytes));
    }

    private ChildParsed ipsecProposal(JunosNode nameNode) throws ConfigException {
        List<Problem> problems = new ArrayList<>();
        JunosNode p = find(nameNode, "ipsec", "proposal");
        String what = "ipsec proposal " + p.word();
        locations.put(what, p.location());
        allow(p, what, problems, "protocol", "authentication-algorithm", "encryption-algorithm", "lifetime-seconds",
                "lifetime-kilobytes", "description");
        JunosNode proto = choice(p, "protocol", problems, "esp", "ah", "bundle");
        ChildProposal.Protocol protocol = ChildProposal.Protocol.ESP;
        if (proto != null && proto.word().equals("bundle")) {
            problems.add(Problem.error(proto.location(), "protocol bundle (AH+ESP) is not supported"));
        } else if (proto != null && proto.word().equals("ah")) {
            protocol = ChildProposal.Protocol.AH;
        }
        JunosNode auth = choice(p, "authentication-algorithm", problems, sorted(JunosValues.IPSEC_AUTH.keySet()));
        JunosNode enc = choice(p, "encryption-algorithm", problems, sorted(JunosValues.ENCRYPTION.keySet()));
        Duration life = IPSEC_LIFETIME;
        JunosNode secs = value(p, "lifetime-seconds", false, problems);
        if (secs != null) {
            life = Duration.ofSeconds(number(secs, "lifetime-seconds", 180, 86400, problems));
        }
        long bytes = 0;
        JunosNode kb = value(p, "lifetime-kilobytes", false, problems);
        if (kb != null) {
            bytes = 1024L * number(kb, "lifetime-kilobytes", 64, Integer.MAX_VALUE, problems);
        }
        List<Encryption> encs = enc == null ? List.of() : List.of(JunosValues.ENCRYPTION.get(enc.word()));
        List<IntegrityAlgorithm> integ = auth == null ? List.of() : List.of(JunosValues.IPSEC_AUTH.get(auth.word()));
        if (problems.isEmpty()) {
            if (protocol == ChildProposal.Protocol.AH && enc != null) {
                problems.add(Problem.error(enc.location(), "AH does not encrypt: no encryption-algorithm with protocol ah"));
            } else if (protocol == ChildProposal.Protocol.ESP && enc == null) {
                problems.add(Problem.error(p.location(), "expected encryption-algorithm in " + what));
            } else if (!encs.isEmpty() && encs.getFirst().isAead() && auth != null) {
                problems.add(Problem.error(auth.location(), "no authentication-algorithm with " + enc.word() + " (it is AEAD)"));
            } else if (integ.isEmpty() && (encs.isEmpty() || !encs.getFirst().isAead())) {
                problems.add(Problem.error(p.location(), "expected authentication-algorithm in " + what));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ChildParsed(new ChildProposal(protocol, encs, integ, List.of(), List.of()), life, bytes);
    }

    // ---- IKE ----

    private void gateway(JunosNode nameNode, Connection.Builder b, List<SharedKey> keys, String vpnName)
            throws ConfigException {
        List<Problem> problems = new ArrayList<>();
        JunosNode g = find(nameNode, "ike", "gateway");
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
                psk = ikePolicy(policyName, b);
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

    /** Returns the PSK (or null for certificate authentication) and sets the IKE settings. */
    private Secret ikePolicy(JunosNode nameNode, Connection.Builder b) throws ConfigException {
        List<Problem> problems = new ArrayList<>();
        JunosNode policy = find(nameNode, "ike", "policy");
        String what = "ike policy " + policy.word();
        locations.put(what, policy.location());
        allow(policy, what, problems, "mode", "proposals", "pre-shared-key", "proposal-set", "description",
                "certificate", "reauth-frequency");
        JunosNode mode = choice(policy, "mode", problems, "main", "aggressive");
        if (mode != null) {
            b.ikev1Mode(mode.word().equals("aggressive") ? Ikev1Mode.AGGRESSIVE : Ikev1Mode.MAIN);
        }
        if (policy.child("proposal-set") != null) {
            problems.add(Problem.error(policy.child("proposal-set").location(),
                    "proposal-set is not supported yet; list proposals explicitly"));
        }
        JunosNode names = policy.child("proposals");
        List<IkeProposal> proposals = new ArrayList<>();
        AuthMethod auth = null;
        Duration life = null;
        if (names == null || names.children().isEmpty()) {
            if (policy.child("proposal-set") == null) {
                problems.add(Problem.error(policy.location(), "expected 'proposals' in " + what));
            }
        } else {
            for (JunosNode n : names.children()) {
                try {
                    IkeParsed p = ikeProposal(n);
                    proposals.add(p.proposal());
                    if (auth == null) {
                        auth = p.auth();
                        life = p.lifetime();
                    } else if (auth != p.auth()) {
                        problems.add(Problem.error(n.location(), "ike proposals of one policy mix authentication methods"));
                    } else if (!life.equals(p.lifetime())) {
                        diagnostics.note(n.location(), "ike proposals of one policy differ in lifetime; ike4j uses the first");
                    }
                } catch (ConfigException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        Secret psk = null;
        JunosNode pskNode = policy.child("pre-shared-key");
        if (pskNode != null) {
            psk = presharedKey(pskNode, problems);
        } else if (auth == AuthMethod.PSK) {
            problems.add(Problem.error(policy.location(), "expected 'pre-shared-key' in " + what
                    + " (its proposals use pre-shared-keys)"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        b.ikeProposals(proposals);
        b.ikeProposalsStrict(true);
        b.authMethod(auth);
        b.lifetimes(b.lifetimes().withIke(life));
        return psk;
    }

    private Secret presharedKey(JunosNode pskNode, List<Problem> problems) {
        JunosNode form = pskNode.children().isEmpty() ? null : pskNode.children().getFirst();
        if (form == null || !(form.word().equals("ascii-text") || form.word().equals("hexadecimal"))
                || form.children().size() != 1) {
            problems.add(Problem.error(pskNode.location(), "expected 'ascii-text \"...\"' or 'hexadecimal \"...\"' after 'pre-shared-key'"));
            return null;
        }
        String text = form.children().getFirst().word();
        SourceLocation at = form.children().getFirst().location();
        try {
            // Junos stores both forms obfuscated with $9$; older files may have them in clear.
            byte[] plain = Junos9.isEncoded(text) ? Junos9.decode(text) : text.getBytes(StandardCharsets.UTF_8);
            if (form.word().equals("hexadecimal")) {
                String hex = new String(plain, StandardCharsets.US_ASCII);
                java.util.Arrays.fill(plain, (byte) 0);
                return Secret.wrap(HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex));
            }
            return Secret.wrap(plain);
        } catch (IllegalArgumentException e) {
            problems.add(Problem.error(at, "malformed " + form.word() + " pre-shared key (its value is not shown)"));
            return null;
        }
    }

    private IkeParsed ikeProposal(JunosNode nameNode) throws ConfigException {
        List<Problem> problems = new ArrayList<>();
        JunosNode p = find(nameNode, "ike", "proposal");
        String what = "ike proposal " + p.word();
        locations.put(what, p.location());
        allow(p, what, problems, "authentication-method", "dh-group", "authentication-algorithm",
                "encryption-algorithm", "lifetime-seconds", "description");
        JunosNode method = choice(p, "authentication-method", problems, "pre-shared-keys", "rsa-signatures",
                "dsa-signatures", "ecdsa-signatures-256", "ecdsa-signatures-384");
        AuthMethod auth = AuthMethod.PSK;
        if (method == null && problems.isEmpty()) {
            problems.add(Problem.error(p.location(), "expected authentication-method in " + what));
        } else if (method != null && !method.word().equals("pre-shared-keys")) {
            auth = AuthMethod.PUBKEY;
        }
        JunosNode dh = choice(p, "dh-group", problems, sorted(JunosValues.DH_GROUPS.keySet()));
        JunosNode hash = choice(p, "authentication-algorithm", problems, sorted(JunosValues.IKE_AUTH.keySet()));
        JunosNode enc = choice(p, "encryption-algorithm", problems, sorted(JunosValues.ENCRYPTION.keySet()));
        Duration life = IKE_LIFETIME;
        JunosNode secs = value(p, "lifetime-seconds", false, problems);
        if (secs != null) {
            life = Duration.ofSeconds(number(secs, "lifetime-seconds", 180, 86400, problems));
        }
        if (problems.isEmpty() && dh == null) {
            problems.add(Problem.error(p.location(), "expected dh-group in " + what));
        }
        if (problems.isEmpty() && enc == null) {
            problems.add(Problem.error(p.location(), "expected encryption-algorithm in " + what));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        Encryption e = JunosValues.ENCRYPTION.get(enc.word());
        List<IntegrityAlgorithm> integ = new ArrayList<>();
        List<PrfAlgorithm> prf = new ArrayList<>();
        if (e.isAead()) {
            if (hash != null) {
                throw new ConfigException(hash.location(), "no authentication-algorithm with " + enc.word() + " (it is AEAD)");
            }
            // With GCM Junos takes the PRF from the key size: HMAC-SHA-256 for 128 bits, else HMAC-SHA-384.
            prf.add(e.keyBits() <= 128 ? PrfAlgorithm.HMAC_SHA2_256 : PrfAlgorithm.HMAC_SHA2_384);
        } else {
            if (hash == null) {
                throw new ConfigException(p.location(), "expected authentication-algorithm in " + what);
            }
            integ.add(JunosValues.IKE_AUTH.get(hash.word()));
            prf.add(JunosValues.IKE_PRF.get(hash.word()));
        }
        return new IkeParsed(new IkeProposal(List.of(e), integ, prf, List.of(JunosValues.DH_GROUPS.get(dh.word()))),
                life, auth);
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

    // ---- helpers ----

    /** The definition named by a reference like {@code ike-policy P}, or an error at the reference. */
    private JunosNode find(JunosNode ref, String family, String kind) throws ConfigException {
        JunosNode defs = root.at("security", family, kind);
        JunosNode def = defs == null ? null : defs.child(ref.word());
        if (def == null) {
            throw new ConfigException(ref.location(), "no security " + family + " " + kind + " named '" + ref.word() + "'");
        }
        return def;
    }

    private static void allow(JunosNode n, String what, List<Problem> problems, String... statements) {
        Set<String> ok = Set.of(statements);
        for (JunosNode c : n.children()) {
            if (!ok.contains(c.word())) {
                problems.add(Problem.error(c.location(), "unknown statement '" + c.word() + "' in " + what));
            }
        }
    }

    /** The one value of a statement that must be present; {@code what} names the place for the message. */
    private static JunosNode required(JunosNode n, String statement, String what, List<Problem> problems) {
        if (n.child(statement) == null) {
            problems.add(Problem.error(n.location(), "expected '" + statement + "' in " + what));
            return null;
        }
        return value(n, statement, true, problems);
    }

    /** The one value of a statement such as {@code address 10.80.80.80}, or null if absent. */
    private static JunosNode value(JunosNode n, String statement, boolean required, List<Problem> problems) {
        JunosNode s = n.child(statement);
        if (s == null) {
            if (required) {
                problems.add(Problem.error(n.location(), "expected '" + statement + "' in " + n.word()));
            }
            return null;
        }
        List<JunosNode> values = s.children();
        if (values.size() != 1 || !values.getFirst().children().isEmpty()) {
            problems.add(Problem.error(s.location(), "expected one value after '" + statement + "'"));
            return null;
        }
        return values.getFirst();
    }

    private static JunosNode choice(JunosNode n, String statement, List<Problem> problems, String... allowed) {
        JunosNode s = n.child(statement);
        if (s == null) {
            return null;
        }
        List<JunosNode> values = s.children();
        if (values.size() == 1 && values.getFirst().children().isEmpty()) {
            for (String a : allowed) {
                if (a.equals(values.getFirst().word())) {
                    return values.getFirst();
                }
            }
        }
        SourceLocation at = values.isEmpty() ? s.location() : values.getFirst().location();
        String found = values.isEmpty() ? "" : ", found '" + values.getFirst().word() + "'";
        String why = !values.isEmpty() && JunosValues.UNSUPPORTED.contains(values.getFirst().word())
                ? " ('" + values.getFirst().word() + "' is not supported by ike4j)" : "";
        problems.add(Problem.error(at, "expected one of " + String.join(", ", allowed) + " after '" + statement + "'"
                + found + why));
        return null;
    }

    private static int number(JunosNode v, String statement, int min, int max, List<Problem> problems) {
        try {
            return JunosValues.number(v, statement, min, max);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return min;
        }
    }

    private static String[] sorted(Set<String> s) {
        return s.stream().sorted().toArray(String[]::new);
    }
}
