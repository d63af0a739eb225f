package org.ike4j.engine.v1;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.Encryption;
import org.ike4j.config.IpsecMode;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v1.DataAttribute;
import org.ike4j.wire.v1.Doi;
import org.ike4j.wire.v1.IpsecAttributes;
import org.ike4j.wire.v1.NotifyType;
import org.ike4j.wire.v1.Proposal;
import org.ike4j.wire.v1.ProtocolId;
import org.ike4j.wire.v1.SecurityAssociationPayload;
import org.ike4j.wire.v1.Transform;

/**
 * One ESP transform of a Quick Mode SA payload (RFC 2407 section 4.5 attributes) and the offer
 * and choice built from them.
 *
 * @param encryption the ESP cipher or AES-GCM AEAD (transform ID + KEY_LENGTH; RFC 4106 section 8.4)
 * @param integrity the AUTH_ALGORITHM; null with an AEAD, which carries none
 * @param group the PFS group (GROUP_DESCRIPTION), null without PFS
 * @param mode the ENCAPSULATION_MODE
 * @param lifetimeSeconds the SA_LIFE_DURATION in seconds, 0 when absent
 * @param udp UDP-encapsulated (RFC 3947 5.1: UDP-Encapsulated-Tunnel 3, -Transport 4)
 */
record QuickModeProposal(Encryption encryption, IntegrityAlgorithm integrity, DhGroup group, IpsecMode mode,
        long lifetimeSeconds, boolean udp) {

    /** The attributes in pluto's order: mode, life type, duration, group, auth, key length. */
    List<DataAttribute> attributes() {
        List<DataAttribute> a = new ArrayList<>();
        a.add(DataAttribute.basic(IpsecAttributes.Type.ENCAPSULATION_MODE.code(),
                mode == IpsecMode.TRANSPORT
                        ? (udp ? IpsecAttributes.EncapsulationMode.UDP_TRANSPORT : IpsecAttributes.EncapsulationMode.TRANSPORT).code()
                        : (udp ? IpsecAttributes.EncapsulationMode.UDP_TUNNEL : IpsecAttributes.EncapsulationMode.TUNNEL).code()));
        if (lifetimeSeconds > 0) {
            a.add(DataAttribute.basic(IpsecAttributes.Type.SA_LIFE_TYPE.code(), 1));
            a.add(lifetime(lifetimeSeconds));
        }
        if (group != null) {
            a.add(DataAttribute.basic(IpsecAttributes.Type.GROUP_DESCRIPTION.code(), group.number()));
        }
        if (integrity != null) {
            a.add(DataAttribute.basic(IpsecAttributes.Type.AUTH_ALGORITHM.code(), Ikev1Algorithms.ipsecAuthCode(integrity)));
        }
        int keyLength = Ikev1Algorithms.espKeyLength(encryption);
        if (keyLength > 0) {
            a.add(DataAttribute.basic(IpsecAttributes.Type.KEY_LENGTH.code(), keyLength));
        }
        return a;
    }

    static DataAttribute lifetime(long seconds) {
        return seconds <= 0xffff ? DataAttribute.basic(IpsecAttributes.Type.SA_LIFE_DURATION.code(), (int) seconds)
                : DataAttribute.variable(IpsecAttributes.Type.SA_LIFE_DURATION.code(), seconds, 4);
    }

    /** The choices one configured ESP proposal allows, in configured order. */
    static List<QuickModeProposal> fromConfig(ChildProposal p, DhGroup group, IpsecMode mode, long lifetime, boolean udp) {
        List<QuickModeProposal> out = new ArrayList<>();
        if (p.protocol() != ChildProposal.Protocol.ESP) {
            return out;
        }
        for (Encryption e : p.encryption()) {
            if (Ikev1Algorithms.espTransformId(e) < 0) {
                continue;
            }
            if (e.isAead()) {
                // RFC 4106 section 8.4: an AEAD transform carries no AUTH_ALGORITHM
                out.add(new QuickModeProposal(e, null, group, mode, lifetime, udp));
                continue;
            }
            for (IntegrityAlgorithm i : p.integrity()) {
                if (Ikev1Algorithms.ipsecAuthCode(i) >= 0) {
                    out.add(new QuickModeProposal(e, i, group, mode, lifetime, udp));
                }
            }
        }
        return out;
    }

    /** The PFS group a connection asks for: the first proposal's first group, or null. */
    static DhGroup pfsGroup(List<ChildProposal> proposals) {
        for (ChildProposal p : proposals) {
            if (!p.pfsGroups().isEmpty()) {
                return p.pfsGroups().get(0);
            }
        }
        return null;
    }

    /** The initiator's SA payload: one ESP proposal per configured proposal, numbered from 0 as pluto does. */
    static SecurityAssociationPayload offer(List<ChildProposal> proposals, int spi, DhGroup group, IpsecMode mode,
            long lifetime, boolean udp) {
        List<Proposal> ps = new ArrayList<>();
        for (ChildProposal cp : proposals) {
            List<QuickModeProposal> choices = fromConfig(cp, group, mode, lifetime, udp);
            if (choices.isEmpty()) {
                continue;
            }
            List<Transform> ts = new ArrayList<>();
            for (int i = 0; i < choices.size(); i++) {
                QuickModeProposal q = choices.get(i);
                ts.add(new Transform(i, Ikev1Algorithms.espTransformId(q.encryption()), q.attributes()));
            }
            ps.add(new Proposal(ps.size(), ProtocolId.PROTO_IPSEC_ESP, Bytes.wrap(Ikev1Engine.u32(spi)), ts));
        }
        return new SecurityAssociationPayload(Doi.IPSEC, Doi.SIT_IDENTITY_ONLY, ps);
    }

    /** A received ESP transform, or empty with the reason in {@code why}. */
    static Optional<QuickModeProposal> parse(Transform t, List<String> why) {
        int mode = 1;
        long life = 0;
        int lifeType = 1;
        int group = 0;
        int auth = 0;
        int keyBits = 0;
        for (DataAttribute a : t.attributes()) {
            long v = a.value().length() <= 8 ? a.numericValue() : -1;
            switch (a.type()) {
                case 1 -> lifeType = (int) v;
                case 2 -> {
                    if (lifeType == 1) {
                        life = v;
                    }
                }
                case 3 -> group = (int) v;
                case 4 -> mode = (int) v;
                case 5 -> auth = (int) v;
                case 6 -> keyBits = (int) v;
                default -> {
                }
            }
        }
        Optional<Encryption> c = Ikev1Algorithms.espEncryption(t.transformId(), keyBits);
        boolean aead = c.isPresent() && c.get().isAead();
        Optional<IntegrityAlgorithm> i = Ikev1Algorithms.ipsecIntegrity(auth);
        Optional<DhGroup> g = group == 0 ? Optional.empty() : Ikev1Algorithms.group(group);
        String name = org.ike4j.wire.v1.TransformId.of(ProtocolId.PROTO_IPSEC_ESP, t.transformId()).name()
                + (keyBits > 0 ? "-" + keyBits : "") + (auth == 0 ? "" : "/" + IpsecAttributes.AuthAlgorithm.of(auth).name())
                + (group == 0 ? "" : "/" + Ikev1Algorithms.group(group).map(DhGroup::ianaName).orElse("group " + group));
        boolean transport = mode == 2 || mode == 4 || mode == 61444;
        boolean udp = mode == 3 || mode == 4 || mode == 61443 || mode == 61444;
        boolean knownMode = mode == 1 || mode == 2 || udp;
        boolean integrityOk = aead ? auth == 0 : i.isPresent();
        if (c.isEmpty() || !integrityOk || (group != 0 && g.isEmpty()) || !knownMode) {
            why.add(name + " (unsupported)");
            return Optional.empty();
        }
        return Optional.of(new QuickModeProposal(c.get(), i.orElse(null), g.orElse(null),
                transport ? IpsecMode.TRANSPORT : IpsecMode.TUNNEL, life, udp));
    }

    String show() {
        int keyLength = Ikev1Algorithms.espKeyLength(encryption);
        String enc = org.ike4j.wire.v1.TransformId.of(ProtocolId.PROTO_IPSEC_ESP, Ikev1Algorithms.espTransformId(encryption)).name()
                + (keyLength > 0 ? "-" + keyLength : "");
        return enc + (integrity == null ? "" : "/" + IpsecAttributes.AuthAlgorithm.of(Ikev1Algorithms.ipsecAuthCode(integrity)).name())
                + (group == null ? "" : "/" + group.ianaName()) + (mode == IpsecMode.TRANSPORT ? " transport" : "");
    }

    boolean sameAlgorithms(QuickModeProposal o) {
        return encryption.equals(o.encryption) && integrity == o.integrity && group == o.group && mode == o.mode;
    }

    /**
     * Whether the responder's chosen transform is one we offered. RFC 2408 section 4.2 says the
     * responder returns the chosen proposal's number unchanged, and it is looked for there first;
     * but charon 5.9 (prefer_configured_proposals, its default) answers with the number of its own
     * configured proposal (1 where we offered 0, as pluto numbers), so any proposal of ours
     * offering the same algorithms is accepted too: what matters is that we offered them.
     */
    static boolean offered(SecurityAssociationPayload offer, Proposal answer, QuickModeProposal got) {
        boolean sameNumber = offer.proposals().stream().filter(o -> o.number() == answer.number())
                .anyMatch(o -> offers(o, got));
        return sameNumber || offer.proposals().stream().anyMatch(o -> o.protocol().code() == answer.protocol().code()
                && offers(o, got));
    }

    private static boolean offers(Proposal offered, QuickModeProposal got) {
        return offered.transforms().stream().map(t -> parse(t, new ArrayList<>()))
                .anyMatch(o -> o.isPresent() && o.get().sameAlgorithms(got));
    }

    /** The responder's choice: the peer's proposal and transform, and what they mean. */
    record Choice(Proposal proposal, Transform transform, QuickModeProposal chosen) {
    }

    /**
     * Picks, in our order of preference (strongSwan prefers its configured proposals), the first
     * of our choices that one of the peer's transforms offers. Fails with NO-PROPOSAL-CHOSEN
     * listing theirs and ours.
     */
    static Choice select(SecurityAssociationPayload sa, List<ChildProposal> ours, IpsecMode mode) throws Ikev1Failure {
        List<String> theirs = new ArrayList<>();
        List<Proposal> props = new ArrayList<>();
        List<Transform> trans = new ArrayList<>();
        List<QuickModeProposal> parsed = new ArrayList<>();
        for (Proposal p : sa.proposals()) {
            if (p.protocol().code() != ProtocolId.PROTO_IPSEC_ESP.code() || p.spi().length() != 4) {
                theirs.add(p.protocol().name() + " proposal " + p.number() + " (unsupported)");
                continue;
            }
            for (Transform t : p.transforms()) {
                Optional<QuickModeProposal> q = parse(t, theirs);
                if (q.isPresent()) {
                    props.add(p);
                    trans.add(t);
                    parsed.add(q.get());
                    theirs.add(q.get().show());
                }
            }
        }
        List<String> mine = new ArrayList<>();
        for (ChildProposal cp : ours) {
            List<DhGroup> groups = cp.pfsGroups().isEmpty() ? java.util.Collections.singletonList(null) : cp.pfsGroups();
            for (DhGroup g : groups) {
                for (QuickModeProposal m : fromConfig(cp, g, mode, 0, false)) {
                    mine.add(m.show());
                    for (int k = 0; k < parsed.size(); k++) {
                        if (parsed.get(k).sameAlgorithms(m)) {
                            return new Choice(props.get(k), trans.get(k), parsed.get(k));
                        }
                    }
                }
            }
        }
        throw new Ikev1Failure(NotifyType.NO_PROPOSAL_CHOSEN, "NO-PROPOSAL-CHOSEN for Quick Mode: peer offered "
                + String.join(", ", theirs) + "; we accept " + String.join(", ", mine));
    }
}
