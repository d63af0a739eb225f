package org.ike4j.engine.v1;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ike4j.config.IkeProposal;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.kdf.Ikev1HashAlgorithm;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v1.DataAttribute;
import org.ike4j.wire.v1.Doi;
import org.ike4j.wire.v1.Phase1Attributes;
import org.ike4j.wire.v1.Proposal;
import org.ike4j.wire.v1.ProtocolId;
import org.ike4j.wire.v1.SecurityAssociationPayload;
import org.ike4j.wire.v1.Transform;
import org.ike4j.wire.v1.TransformId;
import org.ike4j.wire.v1.NotifyType;

/**
 * One Phase 1 transform's choices (RFC 2409 Appendix A attributes), and the initiator's offer and
 * the responder's choice built from them. Only pre-shared keys are offered here.
 *
 * @param cipher the encryption algorithm and key length
 * @param hash the hash (its HMAC is the PRF: no PRF attribute is sent, as pluto and charon do)
 * @param group the Diffie-Hellman group
 * @param lifetimeSeconds the ISAKMP SA lifetime, 0 for none
 */
record Phase1Proposal(CipherAlgorithm cipher, Ikev1HashAlgorithm hash, DhGroup group, long lifetimeSeconds) {
    static final int PRE_SHARED_KEY = Phase1Attributes.AuthMethod.PRE_SHARED_KEY.code();

    /** Every combination the configured proposals allow, in configured order. */
    static List<Phase1Proposal> fromConfig(List<IkeProposal> proposals, long lifetimeSeconds) {
        List<Phase1Proposal> out = new ArrayList<>();
        for (IkeProposal p : proposals) {
            for (var e : p.encryption()) {
                Optional<CipherAlgorithm> c = Ikev1Algorithms.cipherOf(e);
                if (c.isEmpty() || Ikev1Algorithms.phase1CipherCode(c.get()) < 0) {
                    continue;
                }
                for (Ikev1HashAlgorithm h : Ikev1Algorithms.hashes(p)) {
                    for (DhGroup g : p.dhGroups()) {
                        out.add(new Phase1Proposal(c.get(), h, g, lifetimeSeconds));
                    }
                }
            }
        }
        return out;
    }

    List<DataAttribute> attributes() {
        List<DataAttribute> a = new ArrayList<>();
        a.add(DataAttribute.basic(Phase1Attributes.Type.ENCRYPTION_ALGORITHM.code(), Ikev1Algorithms.phase1CipherCode(cipher)));
        if (Ikev1Algorithms.needsKeyLength(cipher)) {
            a.add(DataAttribute.basic(Phase1Attributes.Type.KEY_LENGTH.code(), cipher.keySize() * 8));
        }
        a.add(DataAttribute.basic(Phase1Attributes.Type.HASH_ALGORITHM.code(), Ikev1Algorithms.phase1HashCode(hash)));
        a.add(DataAttribute.basic(Phase1Attributes.Type.AUTHENTICATION_METHOD.code(), PRE_SHARED_KEY));
        a.add(DataAttribute.basic(Phase1Attributes.Type.GROUP_DESCRIPTION.code(), group.number()));
        if (lifetimeSeconds > 0) {
            a.add(DataAttribute.basic(Phase1Attributes.Type.LIFE_TYPE.code(), 1));
            a.add(lifetimeSeconds <= 0xffff
                    ? DataAttribute.basic(Phase1Attributes.Type.LIFE_DURATION.code(), (int) lifetimeSeconds)
                    : DataAttribute.variable(Phase1Attributes.Type.LIFE_DURATION.code(), lifetimeSeconds, 4));
        }
        return a;
    }

    /** The initiator's SA payload: one ISAKMP proposal, one KEY_IKE transform per choice. */
    static SecurityAssociationPayload offer(List<Phase1Proposal> choices) {
        List<Transform> ts = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            ts.add(new Transform(i, TransformId.KEY_IKE.code(), choices.get(i).attributes()));
        }
        return new SecurityAssociationPayload(Doi.IPSEC, Doi.SIT_IDENTITY_ONLY,
                List.of(new Proposal(1, ProtocolId.PROTO_ISAKMP, Bytes.EMPTY, ts)));
    }

    /** The responder's SA payload: the chosen transform echoed as received. */
    static SecurityAssociationPayload answer(Proposal proposal, Transform chosen) {
        return new SecurityAssociationPayload(Doi.IPSEC, Doi.SIT_IDENTITY_ONLY,
                List.of(new Proposal(proposal.number(), proposal.protocol(), proposal.spi(), List.of(chosen))));
    }

    /** A received transform as a choice, or why it can't be one (a transform we can't even read). */
    static Parsed parse(Transform t) {
        int enc = -1;
        int keyBits = 0;
        int hashCode = -1;
        int auth = -1;
        int groupCode = -1;
        long life = 0;
        int lifeType = 1;
        List<String> unknown = new ArrayList<>();
        for (DataAttribute a : t.attributes()) {
            long v = a.value().length() <= 8 ? a.numericValue() : -1;
            switch (a.type()) {
                case 1 -> enc = (int) v;
                case 2 -> hashCode = (int) v;
                case 3 -> auth = (int) v;
                case 4 -> groupCode = (int) v;
                case 11 -> lifeType = (int) v;
                case 12 -> {
                    if (lifeType == 1) {
                        life = v;
                    }
                }
                case 14 -> keyBits = (int) v;
                default -> unknown.add(Phase1Attributes.Type.of(a.type()).name());
            }
        }
        return new Parsed(enc, keyBits, hashCode, auth, groupCode, life, unknown);
    }

    /** The attribute values of one received transform, known or not. */
    record Parsed(int enc, int keyBits, int hash, int auth, int group, long lifetimeSeconds, List<String> unknown) {
        String encName() {
            return Phase1Attributes.EncryptionAlgorithm.of(enc).name() + (keyBits > 0 ? "-" + keyBits : "");
        }

        Optional<Phase1Proposal> toProposal() {
            var c = Ikev1Algorithms.phase1Cipher(enc, keyBits);
            var h = Ikev1Algorithms.phase1Hash(hash);
            var g = Ikev1Algorithms.group(group);
            if (c.isEmpty() || h.isEmpty() || g.isEmpty() || auth != PRE_SHARED_KEY) {
                return Optional.empty();
            }
            return Optional.of(new Phase1Proposal(c.get(), h.get(), g.get(), lifetimeSeconds));
        }
    }

    /** The responder's choice: the transform and the lifetime to use. */
    record Choice(Proposal proposal, Transform transform, Phase1Proposal chosen) {
    }

    /**
     * Picks the first of the initiator's transforms our policy accepts (RFC 2409 section 5; the
     * shorter lifetime wins, as Junos and strongSwan do). Fails with NO-PROPOSAL-CHOSEN naming
     * the first attribute that differs, theirs and ours side by side.
     */
    static Choice select(SecurityAssociationPayload sa, List<Phase1Proposal> policy, long ourLifetime)
            throws Ikev1Failure {
        if (sa.proposals().isEmpty()) {
            throw new Ikev1Failure(NotifyType.BAD_PROPOSAL_SYNTAX, "the peer's SA payload holds no proposal");
        }
        List<String> why = new ArrayList<>();
        for (Proposal p : sa.proposals()) {
            if (p.protocol().code() != ProtocolId.PROTO_ISAKMP.code()) {
                why.add("proposal " + p.number() + " is for " + p.protocol().name());
                continue;
            }
            for (Transform t : p.transforms()) {
                Parsed parsed = parse(t);
                String mismatch = mismatch(parsed, policy);
                if (mismatch == null) {
                    Phase1Proposal got = parsed.toProposal().orElseThrow();
                    long life = got.lifetimeSeconds() == 0 ? ourLifetime
                            : ourLifetime == 0 ? got.lifetimeSeconds() : Math.min(ourLifetime, got.lifetimeSeconds());
                    return new Choice(p, t, new Phase1Proposal(got.cipher(), got.hash(), got.group(), life));
                }
                why.add("transform " + t.number() + ": " + mismatch);
            }
        }
        throw new Ikev1Failure(NotifyType.NO_PROPOSAL_CHOSEN, "NO-PROPOSAL-CHOSEN for Phase 1: " + String.join("; ", why));
    }

    /** Why a parsed transform matches none of the policy's choices, or null if it matches one. */
    static String mismatch(Parsed t, List<Phase1Proposal> policy) {
        List<String> ours = new ArrayList<>();
        // the attributes in the order they are compared, each against every policy choice
        String[] names = {"ENCRYPTION_ALGORITHM", "HASH_ALGORITHM", "AUTHENTICATION_METHOD", "GROUP_DESCRIPTION"};
        String[] theirs = {t.encName(), Phase1Attributes.HashAlgorithm.of(t.hash()).name(),
                Phase1Attributes.AuthMethod.of(t.auth()).name(), Phase1Attributes.GroupDescription.of(t.group()).name()};
        for (int i = 0; i < names.length; i++) {
            List<String> acceptable = new ArrayList<>();
            for (Phase1Proposal p : policy) {
                String[] mine = p.names();
                acceptable.add(mine[i]);
            }
            if (!acceptable.contains(theirs[i])) {
                return "peer offered " + names[i] + " " + theirs[i] + ", we accept "
                        + String.join(", ", new java.util.LinkedHashSet<>(acceptable));
            }
        }
        // each attribute is acceptable alone; the combination must be one of ours too
        for (Phase1Proposal p : policy) {
            if (java.util.Arrays.equals(p.names(), theirs)) {
                return null;
            }
        }
        for (Phase1Proposal p : policy) {
            ours.add(String.join("/", p.names()));
        }
        return "peer offered " + String.join("/", theirs) + ", we accept " + String.join(", ", ours);
    }

    /** Attribute names as {@link #mismatch} compares them. */
    String[] names() {
        String enc = Phase1Attributes.EncryptionAlgorithm.of(Ikev1Algorithms.phase1CipherCode(cipher)).name()
                + (Ikev1Algorithms.needsKeyLength(cipher) ? "-" + cipher.keySize() * 8 : "");
        return new String[] {enc, Phase1Attributes.HashAlgorithm.of(Ikev1Algorithms.phase1HashCode(hash)).name(),
                Phase1Attributes.AuthMethod.PRE_SHARED_KEY.name(),
                Phase1Attributes.GroupDescription.of(group.number()).name()};
    }
}
