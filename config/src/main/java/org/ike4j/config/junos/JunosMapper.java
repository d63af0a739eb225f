package org.ike4j.config.junos;

import static org.ike4j.config.junos.JunosStatements.allow;
import static org.ike4j.config.junos.JunosStatements.choice;
import static org.ike4j.config.junos.JunosStatements.required;
import static org.ike4j.config.junos.JunosStatements.value;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ike4j.config.Binding;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.DfBit;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.Endpoint;
import org.ike4j.config.GlobalSettings;
import org.ike4j.config.IkeVersion;
import org.ike4j.config.Lifetimes;
import org.ike4j.config.PeerAddress;
import org.ike4j.config.Problem;
import org.ike4j.config.Secrets;
import org.ike4j.config.SharedKey;
import org.ike4j.config.SourceLocation;
import org.ike4j.config.StartAction;
import org.ike4j.config.TrafficSelector;

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

    private final JunosNode root;
    private final Diagnostics diagnostics;
    private final Set<Problem> errors = new LinkedHashSet<>();
    private final Map<String, SourceLocation> locations = new LinkedHashMap<>();

    JunosMapper(JunosNode root, Diagnostics diagnostics) {
        this.root = root;
        this.diagnostics = diagnostics;
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
                new JunosIpsec(root, diagnostics, locations).ipsecPolicy(ipsecPolicyName, b);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        // IKE gateway, policy, proposals, and the PSK
        JunosNode gatewayName = required(ike, "gateway", "vpn " + name + " ike", problems);
        if (gatewayName != null) {
            try {
                new JunosGateway(root, diagnostics, locations).gateway(gatewayName, b, keys, name);
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
}
