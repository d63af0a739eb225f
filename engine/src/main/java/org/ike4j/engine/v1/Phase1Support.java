package org.ike4j.engine.v1;

import java.util.List;
import java.util.Optional;
import org.ike4j.config.Connection;
import org.ike4j.config.Identity;
import org.ike4j.crypto.InvalidPublicValueException;
import org.ike4j.crypto.Secret;
import org.ike4j.crypto.kdf.Ikev1AuthHash;
import org.ike4j.crypto.kdf.Ikev1IvChain;
import org.ike4j.crypto.kdf.Ikev1Keys;
import org.ike4j.crypto.kdf.Ikev1Skeyid;
import org.ike4j.wire.ByteWriter;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v1.HashPayload;
import org.ike4j.wire.v1.IdentificationPayload;
import org.ike4j.wire.v1.KeyExchangePayload;
import org.ike4j.wire.v1.NotifyType;
import org.ike4j.wire.v1.Payload;
import org.ike4j.wire.v1.SecurityAssociationPayload;
import org.ike4j.wire.v1.Transform;

/** What Main and Aggressive Mode share: the negotiated transform, PSK lookup, keys and HASH_I/R. */
final class Phase1Support {
    private Phase1Support() {
    }

    /** A payload's body without its generic header: SAi_b, IDii_b (RFC 2409 section 5). */
    static byte[] body(Payload p) {
        ByteWriter w = new ByteWriter();
        p.encodeBody(w);
        return w.toByteArray();
    }

    /** Applies the responder's or the initiator's choice to the SA. */
    static void apply(Ikev1Engine engine, IsakmpSa sa, Phase1Proposal chosen) {
        sa.cipher = chosen.cipher();
        sa.hash = chosen.hash();
        sa.group = chosen.group();
        sa.lifetimeSeconds = chosen.lifetimeSeconds();
        sa.prf = engine.crypto().prf(chosen.hash().hmac());
    }

    /** The initiator's check of the responder's SA payload: one transform, one we offered. */
    static Phase1Proposal accepted(SecurityAssociationPayload answer, List<Phase1Proposal> offered) throws Ikev1Failure {
        if (answer.proposals().size() != 1 || answer.proposals().get(0).transforms().size() != 1) {
            throw new Ikev1Failure(NotifyType.BAD_PROPOSAL_SYNTAX,
                    "the responder's SA payload must hold exactly one proposal with one transform");
        }
        Transform t = answer.proposals().get(0).transforms().get(0);
        Phase1Proposal.Parsed p = Phase1Proposal.parse(t);
        Optional<Phase1Proposal> got = p.toProposal();
        for (Phase1Proposal o : offered) {
            if (got.isPresent() && o.cipher() == got.get().cipher() && o.hash() == got.get().hash()
                    && o.group() == got.get().group()) {
                long life = got.get().lifetimeSeconds() == 0 ? o.lifetimeSeconds() : got.get().lifetimeSeconds();
                return new Phase1Proposal(o.cipher(), o.hash(), o.group(), life);
            }
        }
        throw new Ikev1Failure(NotifyType.NO_PROPOSAL_CHOSEN,
                "the responder chose a transform we did not offer: " + String.join("/", p.encName(),
                        String.valueOf(p.hash()), String.valueOf(p.group())));
    }

    /**
     * The pre-shared key for this SA. Main Mode needs it before the peer's identity arrives
     * (encrypted), so the connection found by addresses names it (RFC 2409 section 5.4; strongSwan
     * and Junos both key Main Mode PSKs by the peer's address).
     */
    static Secret psk(Ikev1Engine engine, IsakmpSa sa, Connection c) throws Ikev1Failure {
        var secrets = engine.configuration().secrets();
        Optional<Secret> s = secrets.psk(c.name(), c.local().identity(), c.remote().identity());
        if (s.isEmpty()) {
            s = secrets.psk(c.name(), new Identity.IpAddress(sa.local.getAddress()),
                    new Identity.IpAddress(sa.remote.getAddress()));
        }
        return s.orElseThrow(() -> new Ikev1Failure(NotifyType.AUTHENTICATION_FAILED,
                "no pre-shared key found for " + c.local().identity() + " - " + c.remote().identity()
                        + " (connection " + c.name() + ", peer " + sa.remote.getAddress().getHostAddress() + ")"));
    }

    /** g^xy, SKEYID (pre-shared key), SKEYID_d/a/e, the encryption key and the Phase 1 IV. */
    static void deriveKeys(Ikev1Engine engine, IsakmpSa sa, byte[] peerPublic, Outbox out) throws Ikev1Failure {
        Secret gxy;
        try {
            gxy = sa.dh.sharedSecret(peerPublic);
        } catch (InvalidPublicValueException e) {
            throw new Ikev1Failure(NotifyType.INVALID_KEY_INFORMATION, "the peer's KE value is invalid: " + e.getMessage());
        }
        try (gxy) {
            sa.skeyid = Ikev1Skeyid.preSharedKey(sa.prf, sa.psk, sa.ni, sa.nr);
            sa.keys = Ikev1Keys.derive(sa.prf, sa.skeyid, gxy, sa.initiatorCookie.toByteArray(),
                    sa.responderCookie.toByteArray());
            Secret enc = sa.keys.encryptionKey(sa.prf, sa.cipher.keySize());
            Ikev1IvChain iv = Ikev1IvChain.phase1(sa.hash, sa.gxi, sa.gxr, sa.cipher.blockSize());
            sa.protection = new Ikev1Protection(engine.crypto().cipher(sa.cipher), enc, sa.hash, iv,
                    engine.options().plutoPadding());
            // the keys come from the KE message just received, by either role
            if (engine.options().keyLogging()) {
                out.trace(sa, 0, Outbox.Direction.IN, "g^xy: " + hex(gxy));
                out.trace(sa, 0, Outbox.Direction.IN, "SKEYID: " + hex(sa.skeyid));
                out.trace(sa, 0, Outbox.Direction.IN, "SKEYID_d: " + hex(sa.keys.skeyidD()));
                out.trace(sa, 0, Outbox.Direction.IN, "SKEYID_a: " + hex(sa.keys.skeyidA()));
                out.trace(sa, 0, Outbox.Direction.IN, "SKEYID_e: " + hex(sa.keys.skeyidE()));
                out.trace(sa, 0, Outbox.Direction.IN, "enc key: " + hex(enc) + " (" + Ikev1Algorithms.name(sa.cipher)
                        + ", initiator cookie " + sa.initiatorCookie.hex() + ")");
                out.add(new org.ike4j.engine.Action.LogKeys(new org.ike4j.engine.KeyLogEntry.Ikev1IsakmpSa(
                        sa.initiatorCookie, sa.responderCookie, sa.cipher, Secret.wrap(enc.reveal()))));
            } else {
                out.trace(sa, 0, Outbox.Direction.IN, "g^xy (" + gxy.length() + " bytes), SKEYID, SKEYID_d, SKEYID_a,"
                        + " SKEYID_e and the " + enc.length() + "-byte enc key computed (key logging is off)");
            }
            out.trace(sa, 0, Outbox.Direction.IN, "Phase 1 IV: " + Bytes.wrap(iv.iv()).hex() + " = "
                    + sa.hash.name() + "(g^xi | g^xr)");
        }
    }

    static String hex(Secret s) {
        return Bytes.wrap(s.reveal()).hex();
    }

    /** HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b). */
    static byte[] hashI(IsakmpSa sa, IdentificationPayload idi) {
        return Ikev1AuthHash.hashI(sa.prf, sa.skeyid, sa.gxi, sa.gxr, sa.initiatorCookie.toByteArray(),
                sa.responderCookie.toByteArray(), sa.saiB, body(idi));
    }

    /** HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b). */
    static byte[] hashR(IsakmpSa sa, IdentificationPayload idr) {
        return Ikev1AuthHash.hashR(sa.prf, sa.skeyid, sa.gxi, sa.gxr, sa.initiatorCookie.toByteArray(),
                sa.responderCookie.toByteArray(), sa.saiB, body(idr));
    }

    /** A KE payload must carry exactly the negotiated group's public value size. */
    static void checkKeSize(IsakmpSa sa, KeyExchangePayload ke) throws Ikev1Failure {
        if (ke.keyExchangeData().length() != sa.group.publicSize()) {
            throw new Ikev1Failure(NotifyType.INVALID_KEY_INFORMATION, "KE of " + ke.keyExchangeData().length()
                    + " bytes for " + sa.group.ianaName() + " (" + sa.group.publicSize() + " expected)");
        }
    }

    /** Our Phase 1 ID payload (the configured identity, or our address), noted for status. */
    static IdentificationPayload localId(IsakmpSa sa) throws Ikev1Failure {
        IdentificationPayload id = ProxyIds.phase1Id(sa.connection.local().identity(), sa.local.getAddress());
        sa.localIdText = ProxyIds.phase1Identity(id).toString();
        return id;
    }

    /**
     * Checks the peer's HASH_I or HASH_R in constant time. With pre-shared keys a mismatch is what
     * a wrong key looks like, and the diagnostic says so.
     *
     * @param which "HASH_I" or "HASH_R", for the diagnostic
     * @param answer whether the failure may be answered with a notify (see {@link Ikev1Failure#answer()})
     */
    static void verifyPeerHash(IsakmpSa sa, HashPayload hash, byte[] expected, String which, boolean answer,
            Outbox out) throws Ikev1Failure {
        boolean ok = hash.hash().constantTimeEquals(expected);
        out.trace(sa, 0, Outbox.Direction.IN, which + " computed: " + Bytes.wrap(expected).hex()
                + (ok ? ", matches the peer's" : ", the peer sent " + hash.hash().hex()));
        if (!ok) {
            throw new Ikev1Failure(NotifyType.AUTHENTICATION_FAILED, answer, which
                    + " does not verify: probable pre-shared key mismatch with " + sa.remote.getAddress().getHostAddress());
        }
    }

    /** Checks the peer's identity against the connection's (RFC 2409 5: IDs are authenticated by the hash). */
    static void checkPeerIdentity(IsakmpSa sa, IdentificationPayload id) throws Ikev1Failure {
        Identity got = ProxyIds.phase1Identity(id);
        sa.remoteIdentity = got;
        sa.remoteIdText = got.toString();
        Identity want = sa.connection.remote().identity();
        if (!ProxyIds.identityMatches(want, got)) {
            throw new Ikev1Failure(NotifyType.INVALID_ID_INFORMATION,
                    "peer identity " + id.idType().name() + " " + got + " does not match the configured " + want);
        }
    }

    static void establish(Ikev1Engine engine, IsakmpSa sa, String state, Outbox out) {
        sa.state = state;
        sa.established = true;
        sa.establishedAt = engine.now();
        sa.protection.phase1Complete();
        out.add(new org.ike4j.engine.Action.Cancel(engine.halfOpenTimer(sa)));
        out.report(org.ike4j.engine.Event.Level.INFO, org.ike4j.engine.Event.Kind.IKE_SA_ESTABLISHED, sa,
                "ISAKMP SA established (" + (sa.exchange.code() == 2 ? "Main" : "Aggressive") + " Mode, "
                        + Ikev1Algorithms.name(sa.cipher) + "/" + sa.hash.name() + "/" + sa.group.ianaName()
                        + ", lifetime " + sa.lifetimeSeconds + " s) " + sa.local.getAddress().getHostAddress() + "["
                        + sa.localIdText + "]..." + sa.remote.getAddress().getHostAddress() + "[" + sa.remoteIdText + "]");
    }
}
