package org.ike4j.config.junos;

import static org.ike4j.config.junos.JunosStatements.allow;
import static org.ike4j.config.junos.JunosStatements.choice;
import static org.ike4j.config.junos.JunosStatements.number;
import static org.ike4j.config.junos.JunosStatements.sorted;
import static org.ike4j.config.junos.JunosStatements.value;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.ike4j.config.AuthMethod;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Connection;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.Encryption;
import org.ike4j.config.IkeProposal;
import org.ike4j.config.Ikev1Mode;
import org.ike4j.config.Problem;
import org.ike4j.config.SourceLocation;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.Secret;

/**
 * {@code security ike policy} and {@code proposal}: mode, IKE proposals, authentication method,
 * IKE SA lifetime (default 28800 s) and the pre-shared key ({@code $9$} decoded).
 */
final class JunosIke {
    private final JunosNode root;
    private final Diagnostics diagnostics;
    private final Map<String, SourceLocation> locations;

    JunosIke(JunosNode root, Diagnostics diagnostics, Map<String, SourceLocation> locations) {
        this.root = root;
        this.diagnostics = diagnostics;
        this.locations = locations;
    }

    /** An IKE proposal with the settings Junos keeps beside it. */
    record IkeParsed(IkeProposal proposal, Duration lifetime, AuthMethod auth) {
    }

    /** Returns the PSK (or null for certificate authentication) and sets the IKE settings. */
    Secret ikePolicy(JunosNode nameNode, Connection.Builder b) throws ConfigException {
        List<Problem> problems = new ArrayList<>();
        JunosNode policy = JunosStatements.find(root, nameNode, "ike", "policy");
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

    IkeParsed ikeProposal(JunosNode nameNode) throws ConfigException {
        List<Problem> problems = new ArrayList<>();
        JunosNode p = JunosStatements.find(root, nameNode, "ike", "proposal");
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
        Duration life = JunosMapper.IKE_LIFETIME;
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
}
