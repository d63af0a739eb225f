package org.ike4j.config.junos;

import static org.ike4j.config.junos.JunosStatements.allow;
import static org.ike4j.config.junos.JunosStatements.choice;
import static org.ike4j.config.junos.JunosStatements.number;
import static org.ike4j.config.junos.JunosStatements.sorted;
import static org.ike4j.config.junos.JunosStatements.value;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Connection;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.Encryption;
import org.ike4j.config.Problem;
import org.ike4j.config.SourceLocation;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.IntegrityAlgorithm;

/**
 * {@code security ipsec policy} and {@code proposal}: the ESP/AH proposals of a VPN, with PFS from
 * the policy and the SA lifetime from the (first) proposal; default lifetime 3600 s.
 */
final class JunosIpsec {
    private final JunosNode root;
    private final Diagnostics diagnostics;
    private final Map<String, SourceLocation> locations;

    JunosIpsec(JunosNode root, Diagnostics diagnostics, Map<String, SourceLocation> locations) {
        this.root = root;
        this.diagnostics = diagnostics;
        this.locations = locations;
    }

    record ChildParsed(ChildProposal proposal, Duration lifetime, long bytes) {
    }

    // ---- IPsec ----

    void ipsecPolicy(JunosNode nameNode, Connection.Builder b) throws ConfigException {
        List<Problem> problems = new ArrayList<>();
        JunosNode policy = JunosStatements.find(root, nameNode, "ipsec", "policy");
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
        JunosNode p = JunosStatements.find(root, nameNode, "ipsec", "proposal");
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
        Duration life = JunosMapper.IPSEC_LIFETIME;
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
}
