package org.ike4j.config.strongswan;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ike4j.config.AuthMethod;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.CloseAction;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Connection;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.Dpd;
import org.ike4j.config.DpdAction;
import org.ike4j.config.Endpoint;
import org.ike4j.config.Identity;
import org.ike4j.config.IkeProposal;
import org.ike4j.config.IkeVersion;
import org.ike4j.config.Ikev1Mode;
import org.ike4j.config.IpsecMode;
import org.ike4j.config.PeerAddress;
import org.ike4j.config.Problem;
import org.ike4j.config.SourceLocation;
import org.ike4j.config.StartAction;
import org.ike4j.config.TrafficSelector;
import org.ike4j.config.strongswan.Section.Setting;
import org.ike4j.crypto.DhGroup;

/**
 * Maps the effective settings of one conn section (after %default and also= were applied) onto a
 * {@link Connection}. Every error in the section is collected; any error refuses the connection.
 */
final class ConnMapper {
    private final String name;
    private final SourceLocation sectionLocation;
    private final Map<String, Setting> settings;
    private final Set<InetAddress> localAddresses;
    private final Diagnostics notes;
    private final List<Problem> errors = new ArrayList<>();

    ConnMapper(String name, SourceLocation sectionLocation, Map<String, Setting> settings, Set<InetAddress> localAddresses, Diagnostics notes) {
        this.name = name;
        this.sectionLocation = sectionLocation;
        this.settings = settings;
        this.localAddresses = localAddresses;
        this.notes = notes;
    }

    private interface Step {
        void run(Setting s) throws ConfigException;
    }

    private void with(String key, Step step) {
        Setting s = settings.get(key);
        if (s == null) {
            return;
        }
        try {
            step.run(s);
        } catch (ConfigException e) {
            errors.addAll(e.problems());
        }
    }

    /**
     * The connection, or null for an auto=ignore section lacking left= or right=: such sections
     * are templates for also= (strongSwan's starter does not load auto=ignore conns either).
     */
    Connection map() throws ConfigException {
        Connection.Builder b = Connection.builder(name);
        for (Setting s : settings.values()) {
            if (ConnKeys.ACCEPTED.contains(s.key())) {
                notes.note(s.keyLocation(), "'" + s.key() + "' is accepted but not used by ike4j");
            } else if (!ConnKeys.MAPPED.contains(s.key())) {
                errors.add(Problem.error(s.keyLocation(), "unknown key '" + s.key() + "' in a conn section"));
            }
        }
        with("keyexchange", s -> b.ikeVersion(switch (Values.choice(s, "ike", "ikev1", "ikev2")) {
            case "ikev1" -> IkeVersion.IKEV1;
            case "ikev2" -> IkeVersion.IKEV2;
            default -> IkeVersion.ANY;
        }));
        with("aggressive", s -> b.ikev1Mode(Values.bool(s) ? Ikev1Mode.AGGRESSIVE : Ikev1Mode.MAIN));
        with("authby", s -> b.authMethod(switch (Values.choice(s, "psk", "secret", "pubkey", "rsasig", "ecdsasig",
                "rsa", "ecdsa", "xauthpsk", "xauthrsasig", "never")) {
            case "psk", "secret" -> AuthMethod.PSK;
            case "xauthpsk" -> {
                notes.note(s.valueLocation(), "XAuth is not supported; authby=xauthpsk uses the PSK only");
                yield AuthMethod.PSK;
            }
            case "never" -> throw new ConfigException(s.valueLocation(), "authby=never is not supported");
            default -> AuthMethod.PUBKEY;
        }));
        for (String side : new String[] {"leftauth", "rightauth"}) {
            with(side, s -> {
                String v = Values.choice(s, "psk", "pubkey", "rsa", "ecdsa", "eap", "xauth");
                if (v.equals("eap") || v.equals("xauth")) {
                    throw new ConfigException(s.valueLocation(), side + "=" + v + " is not supported");
                }
                if (v.equals("psk") != (b.authMethod() == AuthMethod.PSK) && settings.containsKey("authby")) {
                    throw new ConfigException(s.valueLocation(), side + "=" + v + " contradicts authby=");
                }
                b.authMethod(v.equals("psk") ? AuthMethod.PSK : AuthMethod.PUBKEY);
            });
        }
        with("ike", s -> {
            ProposalParser.Parsed<IkeProposal> p = ProposalParser.parseIke(s.value(), "ike", s.valueLocation());
            b.ikeProposals(p.proposals());
            b.ikeProposalsStrict(p.strict());
        });
        with("esp", s -> {
            ProposalParser.Parsed<ChildProposal> p = ProposalParser.parseChild(s.value(), "esp",
                    ChildProposal.Protocol.ESP, s.valueLocation());
            b.childProposals(p.proposals());
            b.childProposalsStrict(p.strict());
        });
        with("ah", s -> {
            if (settings.containsKey("esp")) {
                throw new ConfigException(s.keyLocation(), "ah= and esp= together (AH+ESP bundles) are not supported");
            }
            ProposalParser.Parsed<ChildProposal> p = ProposalParser.parseChild(s.value(), "ah",
                    ChildProposal.Protocol.AH, s.valueLocation());
            b.childProposals(p.proposals());
            b.childProposalsStrict(p.strict());
        });
        with("pfs", s -> pfs(b, s));

        with("auto", s -> b.startAction(switch (Values.choice(s, "ignore", "add", "route", "start")) {
            case "add" -> StartAction.ADD;
            case "route" -> StartAction.ROUTE;
            case "start" -> StartAction.START;
            default -> StartAction.IGNORE;
        }));
        with("ikelifetime", s -> b.lifetimes(b.lifetimes().withIke(Values.time(s))));
        with("keylife", s -> b.lifetimes(b.lifetimes().withIpsec(Values.time(s))));
        with("lifetime", s -> b.lifetimes(b.lifetimes().withIpsec(Values.time(s))));
        with("rekeymargin", s -> b.lifetimes(b.lifetimes().withRekeyMargin(Values.time(s))));
        with("margintime", s -> b.lifetimes(b.lifetimes().withRekeyMargin(Values.time(s))));
        with("rekeyfuzz", s -> b.lifetimes(b.lifetimes().withRekeyFuzzPercent(Values.percent(s))));
        with("lifebytes", s -> b.lifetimes(b.lifetimes().withIpsecBytes(Values.count(s))));
        with("lifepackets", s -> b.lifetimes(b.lifetimes().withIpsecPackets(Values.count(s))));
        with("keyingtries", s -> b.keyingTries(s.value().strip().equals("%forever") ? 0
                : (int) Math.min(Integer.MAX_VALUE, Values.count(s))));
        with("rekey", s -> b.rekey(Values.bool(s)));
        with("reauth", s -> b.reauth(Values.bool(s)));
        with("mobike", s -> b.mobike(Values.bool(s)));
        with("forceencaps", s -> b.forceEncaps(Values.bool(s)));
        with("replay_window", s -> b.replayWindow((int) Math.min(Integer.MAX_VALUE, Values.count(s))));
        with("type", s -> b.mode(switch (Values.choice(s, "tunnel", "transport", "transport_proxy", "passthrough",
                "pass", "drop", "reject")) {
            case "tunnel" -> IpsecMode.TUNNEL;
            case "transport" -> IpsecMode.TRANSPORT;
            case "passthrough", "pass" -> IpsecMode.PASSTHROUGH;
            default -> throw new ConfigException(s.valueLocation(), "type=" + s.value() + " is not supported");
        }));
        with("closeaction", s -> b.closeAction(switch (Values.choice(s, "none", "clear", "hold", "restart")) {
            case "clear" -> CloseAction.CLEAR;
            case "hold" -> CloseAction.HOLD;
            case "restart" -> CloseAction.RESTART;
            default -> CloseAction.NONE;
        }));
        if (b.ikeVersion() == IkeVersion.IKEV1 && b.ikeProposals().stream().anyMatch(p -> p.encryption().getFirst().isAead())) {
            // RFC 2409 defines no combined-mode ciphers for the ISAKMP SA.
            errors.add(Problem.error(settings.get("ike").valueLocation(),
                    "AEAD algorithms in ike= are not available with keyexchange=ikev1"));
        }
        if (b.ikeVersion() == IkeVersion.IKEV1) {
            ikev1Notes(b);
        }
        dpd(b);
        if (b.startAction() == StartAction.IGNORE && (!settings.containsKey("left") || !settings.containsKey("right"))) {
            if (errors.isEmpty()) {
                notes.note(sectionLocation, "conn " + name + " (auto=ignore) has no "
                        + (settings.containsKey("left") ? "right=" : "left=") + "; not loaded, used only through also=");
                return null;
            }
        }
        endpoints(b);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return b.build();
    }

    /**
     * pfs= comes from pluto (strongSwan 4): PFS was on by default, with the IKE group. In
     * strongSwan 5 the esp= groups alone decide; pfs=no still removes them (with a note), and
     * pfs=yes without a group in esp= takes the first IKE group, as pluto did.
     */
    private void pfs(Connection.Builder b, Setting s) throws ConfigException {
        boolean on = Values.bool(s);
        if (!on) {
            if (b.childProposals().stream().anyMatch(ChildProposal::pfs)) {
                notes.note(s.keyLocation(), "pfs=no removes the DH groups given in esp=");
            }
            b.childProposals(b.childProposals().stream().map(p -> p.withPfsGroups(List.of())).toList());
            return;
        }
        if (b.childProposals().stream().allMatch(ChildProposal::pfs)) {
            return;
        }
        if (b.ikeProposals().isEmpty()) {
            throw new ConfigException(s.keyLocation(), "pfs=yes needs a DH group in esp= or in ike=");
        }
        DhGroup g = b.ikeProposals().getFirst().dhGroups().getFirst();
        notes.note(s.keyLocation(), "pfs=yes is obsolete; using the IKE group " + g.ianaName() + " for PFS");
        b.childProposals(b.childProposals().stream().map(p -> p.pfs() ? p : p.withPfsGroups(List.of(g))).toList());
    }

    /** IKEv1 proposals carry one algorithm of each kind (RFC 2409 appendix A); extras go unused. */
    private void ikev1Notes(Connection.Builder b) {
        boolean many = b.ikeProposals().stream().anyMatch(p -> p.encryption().size() > 1 || p.integrity().size() > 1
                || p.prf().size() > 1 || p.dhGroups().size() > 1)
                || b.childProposals().stream().anyMatch(p -> p.encryption().size() > 1 || p.integrity().size() > 1
                || p.pfsGroups().size() > 1);
        if (many) {
            Setting s = settings.containsKey("ike") ? settings.get("ike") : settings.get("esp");
            notes.note(s != null ? s.valueLocation() : sectionLocation,
                    "IKEv1 proposals take one algorithm of each kind; ike4j uses the first of each");
        }
    }

    private void dpd(Connection.Builder b) {
        DpdAction[] action = {DpdAction.NONE};
        Duration[] delay = {Dpd.NONE.delay()};
        Duration[] timeout = {Dpd.NONE.timeout()};
        with("dpdaction", s -> action[0] = switch (Values.choice(s, "none", "clear", "hold", "restart")) {
            case "clear" -> DpdAction.CLEAR;
            case "hold" -> DpdAction.HOLD;
            case "restart" -> DpdAction.RESTART;
            default -> DpdAction.NONE;
        });
        with("dpddelay", s -> delay[0] = Values.time(s));
        with("dpdtimeout", s -> timeout[0] = Values.time(s));
        b.dpd(new Dpd(action[0], delay[0], timeout[0], false));
    }

    private void endpoints(Connection.Builder b) {
        Endpoint left = endpoint("left");
        Endpoint right = endpoint("right");
        if (left == null || right == null) {
            return;
        }
        boolean leftLocal = isLocal(left.address());
        boolean rightLocal = isLocal(right.address());
        if (rightLocal && !leftLocal) {
            b.local(right);
            b.remote(left);
        } else {
            if (leftLocal && rightLocal) {
                Setting s = settings.get("left");
                notes.note(s != null ? s.keyLocation() : SourceLocation.NONE,
                        "both left and right are local addresses; left is taken as local");
            }
            b.local(left);
            b.remote(right);
        }
    }

    private boolean isLocal(PeerAddress a) {
        return a instanceof PeerAddress.Ip ip && localAddresses.contains(ip.address());
    }

    private Endpoint endpoint(String side) {
        int before = errors.size();
        PeerAddress[] address = {PeerAddress.ANY};
        Setting addr = settings.get(side);
        if (addr == null) {
            errors.add(Problem.error(sectionLocation, "conn " + name + " has no " + side
                    + "= (expected an address, a host name or %any)"));
        } else {
            with(side, s -> address[0] = address(s));
        }
        Identity[] id = {switch (address[0]) {
            case PeerAddress.Ip ip -> new Identity.IpAddress(ip.address());
            case PeerAddress.Hostname h -> new Identity.Fqdn(h.name());
            case PeerAddress.Any any -> Identity.ANY;
        }};
        with(side + "id", s -> id[0] = Values.identity(s.value(), s.valueLocation()));
        int[] port = {0};
        with(side + "ikeport", s -> {
            long p = Values.count(s);
            if (p == 0 || p > 65535) {
                throw new ConfigException(s.valueLocation(), "expected a port 1-65535 for '" + s.key() + "'");
            }
            port[0] = (int) p;
        });
        int[][] pp = {{0, 0, 65535}};
        with(side + "protoport", s -> pp[0] = Values.protoPort(s.value(), s.valueLocation()));
        List<TrafficSelector> selectors = new ArrayList<>();
        if (settings.containsKey(side + "subnet")) {
            with(side + "subnet", s -> selectors.addAll(Values.subnets(s, pp[0])));
        } else if (address[0] instanceof PeerAddress.Ip ip) {
            // Without a subnet the endpoint protects only itself (host-to-host).
            int bits = ip.address().getAddress().length * 8;
            selectors.add(TrafficSelector.subnet(ip.address(), bits, pp[0][0], pp[0][1], pp[0][2]));
        }
        if (errors.size() != before) {
            return null;
        }
        return new Endpoint(address[0], port[0], id[0], selectors);
    }

    private PeerAddress address(Setting s) throws ConfigException {
        String v = s.value().strip();
        if (v.contains(",")) {
            notes.note(s.valueLocation(), "several addresses in " + s.key() + "=; ike4j uses the first");
            v = v.substring(0, v.indexOf(',')).strip();
        }
        switch (v) {
            case "%any", "%any4", "%any6" -> {
                return PeerAddress.ANY;
            }
            case "%defaultroute" -> {
                notes.note(s.valueLocation(), "%defaultroute is treated as %any: the local address is chosen by routing");
                return PeerAddress.ANY;
            }
            case "%group", "%opportunistic", "%opportunisticgroup" ->
                throw new ConfigException(s.valueLocation(), v + " is not supported in " + s.key() + "=");
            default -> {
            }
        }
        if (v.isEmpty()) {
            throw new ConfigException(s.valueLocation(), "expected an address, a host name or %any after '" + s.key() + "'");
        }
        InetAddress a = Values.literal(v);
        if (a != null) {
            return PeerAddress.of(a);
        }
        String host = v.startsWith("%") ? v.substring(1) : v;
        if (!host.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw new ConfigException(s.valueLocation(), "expected an address, a host name or %any after '" + s.key()
                    + "', found '" + v + "'");
        }
        return new PeerAddress.Hostname(host);
    }
}
