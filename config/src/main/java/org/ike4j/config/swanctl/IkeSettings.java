package org.ike4j.config.swanctl;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.ike4j.config.AuthMethod;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.Dpd;
import org.ike4j.config.Identity;
import org.ike4j.config.IkeProposal;
import org.ike4j.config.IkeVersion;
import org.ike4j.config.Ikev1Mode;
import org.ike4j.config.PeerAddress;
import org.ike4j.config.Problem;
import org.ike4j.config.swanctl.SettingsSection.Value;

/**
 * The connection's own settings (everything but its children), read once. Defaults from
 * swanctl.conf(5): version 0, local_addrs and remote_addrs %any, proposals default,
 * keyingtries 1, mobike yes, encap no, aggressive no, dpd_delay 0s (no DPD), rekey_time 4h
 * (0 if only reauth_time is set), reauth_time 0s, over_time 10% of the longer of the two,
 * rand_time over_time, local and remote auth pubkey, remote id %any.
 */
final class IkeSettings {
    private final SettingsSection conn;
    private final Diagnostics notes;
    private final Set<Problem> errors;

    IkeVersion version = IkeVersion.ANY;
    Ikev1Mode ikev1Mode = Ikev1Mode.MAIN;
    PeerAddress localAddress = PeerAddress.ANY;
    PeerAddress remoteAddress = PeerAddress.ANY;
    int localPort;
    int remotePort;
    Identity localId;
    Identity remoteId = Identity.ANY;
    AuthMethod auth = AuthMethod.PUBKEY;
    List<IkeProposal> proposals = List.of();
    boolean proposalsStrict;
    int keyingTries = 1;
    boolean mobike = true;
    boolean encap;
    Duration ikeLifetime;
    Duration ikeMargin;
    int ikeFuzzPercent;
    boolean reauth;
    Duration dpdDelay = Duration.ZERO;
    Duration dpdTimeout = Dpd.NONE.timeout();

    IkeSettings(SettingsSection conn, Diagnostics notes, Set<Problem> errors) {
        this.conn = conn;
        this.notes = notes;
        this.errors = errors;
    }

    private interface Step {
        void run(Value v) throws ConfigException;
    }

    private void with(SettingsSection s, String key, Step step) {
        Value v = s.get(key);
        if (v == null) {
            return;
        }
        try {
            step.run(v);
        } catch (ConfigException e) {
            errors.addAll(e.problems());
        }
    }

    void read() {
        with(conn, "version", v -> version = switch (SwanctlValues.choice(v, "0", "1", "2")) {
            case "1" -> IkeVersion.IKEV1;
            case "2" -> IkeVersion.IKEV2;
            default -> IkeVersion.ANY;
        });
        with(conn, "aggressive", v -> ikev1Mode = SwanctlValues.bool(v) ? Ikev1Mode.AGGRESSIVE : Ikev1Mode.MAIN);
        with(conn, "local_addrs", v -> localAddress = Addresses.address(v, notes));
        with(conn, "remote_addrs", v -> remoteAddress = Addresses.address(v, notes));
        with(conn, "local_port", v -> localPort = port(v));
        with(conn, "remote_port", v -> remotePort = port(v));
        with(conn, "proposals", v -> {
            Proposals.Parsed<IkeProposal> p = Proposals.ike(v, notes);
            proposals = p.proposals();
            proposalsStrict = p.strict();
        });
        if (version == IkeVersion.IKEV1 && proposals.stream().anyMatch(p -> p.encryption().getFirst().isAead())) {
            // RFC 2409 defines no combined-mode ciphers for the ISAKMP SA.
            errors.add(Problem.error(conn.get("proposals").valueLocation(),
                    "AEAD algorithms in proposals are not available with version = 1"));
        }
        if (version == IkeVersion.IKEV1 && proposals.stream().anyMatch(p -> p.encryption().size() > 1
                || p.integrity().size() > 1 || p.prf().size() > 1 || p.dhGroups().size() > 1)) {
            // swanctl.conf(5) proposals: IKEv1 takes one algorithm of each kind, the rest is stripped
            notes.note(conn.get("proposals").valueLocation(), "IKEv1 proposals take one algorithm of each kind;"
                    + " ike4j uses the first of each");
        }
        with(conn, "keyingtries", v -> keyingTries = SwanctlValues.smallCount(v, Integer.MAX_VALUE));
        with(conn, "mobike", v -> mobike = SwanctlValues.bool(v));
        with(conn, "encap", v -> encap = SwanctlValues.bool(v));
        with(conn, "dpd_delay", v -> dpdDelay = SwanctlValues.time(v));
        with(conn, "dpd_timeout", v -> {
            Duration t = SwanctlValues.time(v);
            if (!t.isZero()) { // 0: strongSwan's own retransmission timeout; ike4j keeps its 150 s
                dpdTimeout = t;
            }
        });
        with(conn, "unique", v -> {
            if (!SwanctlValues.choice(v, "no", "never", "keep", "replace").equals("no")) {
                notes.note(v.keyLocation(), "'unique = " + v.value() + "' is accepted but not used by ike4j");
            }
        });
        with(conn, "fragmentation", v -> {
            if (!SwanctlValues.choice(v, "yes", "accept", "force", "no").equals("yes")) {
                notes.note(v.keyLocation(), "'fragmentation = " + v.value()
                        + "' is accepted but not used by ike4j (fragmentation is its engine's choice)");
            }
        });
        lifetimes();
        rounds();
        if (localId == null) {
            // local id: the IKE address (swanctl.conf(5) local.id without a certificate)
            localId = localAddress instanceof PeerAddress.Ip ip ? new Identity.IpAddress(ip.address()) : Identity.ANY;
        }
    }

    private int port(Value v) throws ConfigException {
        long p = SwanctlValues.count(v);
        if (p == 0 || p > 65535) {
            throw new ConfigException(v.valueLocation(), "expected a port 1-65535 for '" + v.key() + "', found '"
                    + v.value() + "'");
        }
        return (int) p;
    }

    /**
     * IKE SA renewal: it starts at the rekey (or reauth) time minus a random part of rand_time,
     * and the SA ends over_time after the rekey time. The model says the same with a lifetime
     * (rekey time + over_time), a margin (over_time) and a fuzz (rand_time as a share of it).
     */
    private void lifetimes() {
        Duration[] reauthTime = {Duration.ZERO};
        Duration[] rekeyTime = {null};
        with(conn, "reauth_time", v -> reauthTime[0] = SwanctlValues.time(v));
        with(conn, "rekey_time", v -> rekeyTime[0] = SwanctlValues.time(v));
        Duration rekey = rekeyTime[0] != null ? rekeyTime[0]
                : reauthTime[0].isZero() ? Duration.ofHours(4) : Duration.ZERO;
        Duration reauthT = reauthTime[0];
        if (rekey.isZero() && reauthT.isZero()) {
            Value v = conn.get("rekey_time");
            errors.add(Problem.error(v != null ? v.valueLocation() : conn.location, "rekey_time and reauth_time"
                    + " both 0 (an IKE SA that is never renewed) are not supported by ike4j: set rekey_time"));
            return;
        }
        Duration renew;
        if (rekey.isZero()) {
            renew = reauthT;
            reauth = true;
        } else if (reauthT.isZero()) {
            renew = rekey;
        } else {
            renew = rekey.compareTo(reauthT) <= 0 ? rekey : reauthT;
            reauth = reauthT.compareTo(rekey) <= 0;
            notes.note(conn.get("reauth_time").keyLocation(), "rekey_time and reauth_time both set: ike4j "
                    + (reauth ? "reauthenticates" : "rekeys") + " at the earlier, " + renew.toSeconds() + " s");
        }
        Duration longer = rekey.compareTo(reauthT) >= 0 ? rekey : reauthT;
        Duration[] over = {longer.dividedBy(10)};
        with(conn, "over_time", v -> over[0] = SwanctlValues.time(v));
        Duration[] rand = {over[0]};
        with(conn, "rand_time", v -> rand[0] = SwanctlValues.time(v));
        ikeLifetime = renew.plus(over[0]);
        ikeMargin = over[0];
        ikeFuzzPercent = Proposals.percentOf(rand[0], over[0]);
    }

    /** The local and remote authentication rounds: one of each, PSK or public key on both. */
    private void rounds() {
        SettingsSection local = round("local");
        SettingsSection remote = round("remote");
        AuthMethod[] methods = {AuthMethod.PUBKEY, AuthMethod.PUBKEY};
        Value[] authValues = new Value[2];
        int i = 0;
        for (SettingsSection r : new SettingsSection[] {local, remote}) {
            int side = i++;
            if (r == null) {
                continue;
            }
            Rounds.checkKeys(r, notes, errors);
            with(r, "auth", v -> {
                methods[side] = Rounds.auth(v);
                authValues[side] = v;
            });
            with(r, "id", v -> {
                Identity id = SwanctlValues.identity(v);
                if (side == 0) {
                    localId = id;
                } else {
                    remoteId = id;
                }
            });
        }
        if (methods[0] != methods[1]) {
            Value v = authValues[0] != null ? authValues[0] : authValues[1];
            errors.add(Problem.error(v.valueLocation(), "local auth " + methods[0].name().toLowerCase()
                    + " with remote auth " + methods[1].name().toLowerCase()
                    + ": ike4j needs the same method on both sides"));
        }
        auth = methods[0];
    }

    private SettingsSection round(String prefix) {
        SettingsSection found = null;
        for (SettingsSection s : conn.sections.values()) {
            if (s.name.startsWith(prefix)) {
                if (found != null) {
                    errors.add(Problem.error(s.location, "a second " + prefix + " authentication round ('"
                            + s.name + "' after '" + found.name + "') is not supported by ike4j"));
                } else {
                    found = s;
                }
            }
        }
        return found;
    }
}
