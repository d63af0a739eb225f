package org.ike4j.config.swanctl;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.CloseAction;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Connection;
import org.ike4j.config.DfBit;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.Dpd;
import org.ike4j.config.DpdAction;
import org.ike4j.config.Endpoint;
import org.ike4j.config.IpsecMode;
import org.ike4j.config.Lifetimes;
import org.ike4j.config.Problem;
import org.ike4j.config.StartAction;
import org.ike4j.config.TrafficSelector;
import org.ike4j.config.swanctl.SettingsSection.Value;

/**
 * Maps one {@code children.<child>} section, with the IKE settings of its connection, onto a
 * {@link Connection}. Defaults from swanctl.conf(5): local_ts and remote_ts dynamic,
 * esp_proposals default, mode tunnel, start_action none (loaded only), dpd_action clear,
 * close_action none, rekey_time 1h, life_time rekey_time + 10%, rand_time life_time - rekey_time,
 * rekey_bytes/packets 0 (none), life_bytes/packets rekey_bytes/packets + 10%, replay_window 32,
 * ipcomp no.
 */
final class ChildMapper {
    private static final Set<String> MAPPED = Set.of("local_ts", "remote_ts", "esp_proposals", "ah_proposals",
            "mode", "start_action", "dpd_action", "close_action", "rekey_time", "life_time", "rand_time",
            "rekey_bytes", "life_bytes", "rand_bytes", "rekey_packets", "life_packets", "rand_packets",
            "replay_window", "ipcomp", "updown", "copy_df", "sha256_96");
    /** Valid child keys that ike4j does not use: noted. */
    private static final Set<String> ACCEPTED = Set.of("hostaccess", "policies", "policies_fwd_out", "inactivity",
            "reqid", "priority", "interface", "mark_in", "mark_in_sa", "mark_out", "set_mark_in", "set_mark_out",
            "if_id_in", "if_id_out", "label", "label_mode", "tfc_padding", "hw_offload", "copy_ecn", "copy_dscp");

    private final String modelName;
    private final SettingsSection child;
    private final IkeSettings ike;
    private final Diagnostics notes;
    private final Set<Problem> errors = new LinkedHashSet<>();

    ChildMapper(String modelName, SettingsSection child, IkeSettings ike, Diagnostics notes) {
        this.modelName = modelName;
        this.child = child;
        this.ike = ike;
        this.notes = notes;
    }

    private interface Step {
        void run(Value v) throws ConfigException;
    }

    private void with(String key, Step step) {
        Value v = child.get(key);
        if (v == null) {
            return;
        }
        try {
            step.run(v);
        } catch (ConfigException e) {
            errors.addAll(e.problems());
        }
    }

    Connection map() throws ConfigException {
        for (Value v : child.values.values()) {
            if (ACCEPTED.contains(v.key())) {
                notes.note(v.keyLocation(), "'" + v.key() + "' is accepted but not used by ike4j");
            } else if (!MAPPED.contains(v.key())) {
                errors.add(Problem.error(v.keyLocation(), "unknown key '" + v.key() + "' in child " + child.name
                        + " (see swanctl.conf(5))"));
            }
        }
        for (SettingsSection s : child.sections.values()) {
            errors.add(Problem.error(s.location, "unexpected section '" + s.name + "' in child " + child.name));
        }
        Connection.Builder b = Connection.builder(modelName)
                .ikeVersion(ike.version)
                .ikev1Mode(ike.ikev1Mode)
                .authMethod(ike.auth)
                .ikeProposals(ike.proposals)
                .ikeProposalsStrict(ike.proposalsStrict)
                .keyingTries(ike.keyingTries)
                .mobike(ike.mobike)
                .forceEncaps(ike.encap)
                .reauth(ike.reauth)
                .startAction(StartAction.ADD); // start_action none: loaded, used on demand and as responder
        List<TrafficSelector>[] ts = selectors();
        b.local(new Endpoint(ike.localAddress, ike.localPort, ike.localId, ts[0]));
        b.remote(new Endpoint(ike.remoteAddress, ike.remotePort, ike.remoteId, ts[1]));
        proposals(b);
        with("mode", v -> b.mode(switch (SwanctlValues.choice(v, "tunnel", "transport", "pass", "drop", "beet",
                "transport_proxy")) {
            case "tunnel" -> IpsecMode.TUNNEL;
            case "transport" -> IpsecMode.TRANSPORT;
            case "pass" -> IpsecMode.PASSTHROUGH;
            default -> throw new ConfigException(v.valueLocation(), "mode = " + v.value() + " is not supported by ike4j");
        }));
        with("start_action", v -> b.startAction(switch (SwanctlValues.choice(v, "none", "trap", "start", "trap|start",
                "start|trap")) {
            case "trap" -> StartAction.ROUTE;
            case "none" -> StartAction.ADD;
            case "start" -> StartAction.START;
            default -> {
                notes.note(v.valueLocation(), "start_action = " + v.value() + ": ike4j initiates at once and"
                        + " installs no trap policy besides");
                yield StartAction.START;
            }
        }));
        with("close_action", v -> b.closeAction(switch (SwanctlValues.choice(v, "none", "clear", "trap", "hold",
                "start", "restart")) {
            case "clear" -> CloseAction.CLEAR;
            case "trap", "hold" -> CloseAction.HOLD;
            case "start", "restart" -> CloseAction.RESTART;
            default -> CloseAction.NONE;
        }));
        dpd(b);
        with("replay_window", v -> b.replayWindow(SwanctlValues.smallCount(v, Integer.MAX_VALUE)));
        with("ipcomp", v -> {
            if (SwanctlValues.bool(v)) {
                throw new ConfigException(v.valueLocation(), "ipcomp = yes: IPComp (RFC 3173) is not supported by ike4j");
            }
        });
        with("sha256_96", v -> {
            if (SwanctlValues.bool(v)) {
                throw new ConfigException(v.valueLocation(), "sha256_96 = yes (HMAC-SHA-256 truncated to 96 bits,"
                        + " not RFC 4868) is not supported by ike4j");
            }
        });
        with("updown", v -> notes.note(v.keyLocation(), "updown script '" + v.value() + "' is ignored: ike4j runs no"
                + " scripts"));
        // copy_df: only when written. Absent, the model's default stays, as with the other front ends.
        with("copy_df", v -> b.dfBit(SwanctlValues.bool(v) ? DfBit.COPY : DfBit.CLEAR));
        lifetimes(b);
        if (!errors.isEmpty()) {
            throw new ConfigException(List.copyOf(errors));
        }
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private List<TrafficSelector>[] selectors() {
        List<TrafficSelector>[] out = new List[] {List.of(), List.of()};
        try {
            out[0] = Addresses.selectors(child.get("local_ts"), ike.localAddress);
        } catch (ConfigException e) {
            errors.addAll(e.problems());
        }
        try {
            out[1] = Addresses.selectors(child.get("remote_ts"), ike.remoteAddress);
        } catch (ConfigException e) {
            errors.addAll(e.problems());
        }
        return out;
    }

    private void proposals(Connection.Builder b) {
        Value esp = child.get("esp_proposals");
        Value ah = child.get("ah_proposals");
        if (esp != null && ah != null) {
            errors.add(Problem.error(ah.keyLocation(), "esp_proposals and ah_proposals together (AH+ESP bundles)"
                    + " are not supported by ike4j"));
            return;
        }
        Value v = ah != null ? ah : esp;
        if (v == null) {
            return; // esp_proposals default: the engine's default ESP proposals
        }
        try {
            Proposals.Parsed<ChildProposal> p = Proposals.child(v, ah != null ? ChildProposal.Protocol.AH
                    : ChildProposal.Protocol.ESP, notes);
            b.childProposals(p.proposals());
            b.childProposalsStrict(p.strict());
        } catch (ConfigException e) {
            errors.addAll(e.problems());
        }
    }

    /**
     * DPD is the connection's dpd_delay (0: none) with the child's dpd_action. The model has one DPD
     * setting per connection, and each child is one here, so each keeps its own action.
     */
    private void dpd(Connection.Builder b) {
        DpdAction[] action = {DpdAction.CLEAR};
        // charon 5.9 takes none as clear (list-conns shows "none" for both): the Child SA is
        // closed, while DPD itself still runs as long as dpd_delay is set.
        with("dpd_action", v -> action[0] = switch (SwanctlValues.choice(v, "clear", "none", "trap", "hold",
                "restart", "start")) {
            case "trap", "hold" -> DpdAction.HOLD;
            case "restart", "start" -> DpdAction.RESTART;
            default -> DpdAction.CLEAR;
        });
        if (ike.dpdDelay.isZero()) {
            b.dpd(new Dpd(DpdAction.NONE, Dpd.NONE.delay(), ike.dpdTimeout, false));
        } else {
            b.dpd(new Dpd(action[0], ike.dpdDelay, ike.dpdTimeout, false));
        }
    }

    /**
     * The child's rekey_time is its soft lifetime and life_time its hard one: in the model the
     * lifetime is life_time, the margin life_time - rekey_time, and the fuzz rand_time as a share
     * of the margin. Volume limits: the model keeps the hard limit (life_bytes, life_packets).
     */
    private void lifetimes(Connection.Builder b) {
        Duration[] rekey = {Duration.ofHours(1)};
        with("rekey_time", v -> rekey[0] = SwanctlValues.time(v));
        Duration[] life = {rekey[0].plus(rekey[0].dividedBy(10))};
        with("life_time", v -> life[0] = SwanctlValues.time(v));
        if (rekey[0].isZero()) {
            Value v = child.get("rekey_time");
            if (life[0].isZero()) {
                errors.add(Problem.error(v.valueLocation(), "rekey_time and life_time both 0 (a Child SA that never"
                        + " ends) are not supported by ike4j"));
                return;
            }
            notes.note(v.valueLocation(), "rekey_time = 0: ike4j then renews neither this Child SA nor its IKE SA;"
                    + " the Child SA ends after life_time");
            b.rekey(false);
            rekey[0] = life[0];
        } else if (life[0].compareTo(rekey[0]) <= 0) {
            Value v = child.get("life_time");
            errors.add(Problem.error(v != null ? v.valueLocation() : child.location, "life_time ("
                    + life[0].toSeconds() + " s) must be longer than rekey_time (" + rekey[0].toSeconds() + " s)"));
            return;
        }
        Duration margin = life[0].minus(rekey[0]);
        Duration[] rand = {margin};
        with("rand_time", v -> rand[0] = SwanctlValues.time(v));
        long[] bytes = volume("rekey_bytes", "life_bytes");
        long[] packets = volume("rekey_packets", "life_packets");
        b.lifetimes(new Lifetimes(ike.ikeLifetime, life[0], bytes[1], packets[1], margin,
                Proposals.percentOf(rand[0], margin), ike.ikeMargin, ike.ikeFuzzPercent));
    }

    /** {rekey, life}: life defaults to rekey + 10%. */
    private long[] volume(String rekeyKey, String lifeKey) {
        long[] out = {0, 0};
        with(rekeyKey, v -> out[0] = SwanctlValues.count(v));
        out[1] = out[0] + out[0] / 10;
        Value life = child.get(lifeKey);
        with(lifeKey, v -> out[1] = SwanctlValues.count(v));
        if (life != null && out[0] > 0 && out[1] <= out[0]) {
            errors.add(Problem.error(life.valueLocation(), lifeKey + " must be larger than " + rekeyKey));
        }
        return out;
    }
}
