package org.ike4j.engine.v1;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v1.ExchangeType;
import org.ike4j.wire.v1.HashPayload;
import org.ike4j.wire.v1.IdentificationPayload;
import org.ike4j.wire.v1.KeyExchangePayload;
import org.ike4j.wire.v1.NoncePayload;
import org.ike4j.wire.v1.NotifyType;
import org.ike4j.wire.v1.Payload;
import org.ike4j.wire.v1.SecurityAssociationPayload;

/**
 * Aggressive Mode with pre-shared keys, RFC 2409 section 5.4:
 *
 * <pre>
 *   Initiator                          Responder
 *   HDR, SA, KE, Ni, IDii       --&gt;                      (Round.FIRST)
 *                               &lt;--    HDR, SA, KE, Nr, IDir, HASH_R
 *   HDR*, HASH_I                --&gt;                      (Round.AUTH)
 * </pre>
 *
 * The last message goes encrypted, as strongSwan sends it; a plain one is accepted too, as some
 * peers send it so. One DH group only: the KE goes with the first message.
 */
final class AggressiveModeTask implements Phase1Task {
    enum Round { FIRST, AUTH, DONE }

    private final Ikev1Engine engine;
    private final IsakmpSa sa;
    private Round round = Round.FIRST;
    private List<Phase1Proposal> offered = List.of();

    AggressiveModeTask(Ikev1Engine engine, IsakmpSa sa) {
        this.engine = engine;
        this.sa = sa;
        sa.state = sa.initiator ? "AGGR_I0" : "AGGR_R0";
    }

    @Override
    public void initiate(Outbox out) throws Ikev1Failure {
        // AGGRESSIVE { SA, KE, Ni, IDii } -->
        offered = Phase1Proposal.fromConfig(Ikev1Defaults.ike(sa.connection), sa.connection.lifetimes().ike().toSeconds());
        if (offered.isEmpty()) {
            throw new Ikev1Failure(NotifyType.NO_PROPOSAL_CHOSEN, false,
                    "connection " + sa.connection.name() + " has no IKE proposal IKEv1 can offer");
        }
        var group = offered.get(0).group();
        offered = offered.stream().filter(p -> p.group() == group).toList();
        SecurityAssociationPayload offer = Phase1Proposal.offer(offered);
        sa.saiB = Phase1Support.body(offer);
        sa.group = group;
        sa.dh = engine.crypto().keyExchange(group, engine.secureRandom());
        sa.gxi = sa.dh.publicValue();
        sa.ni = engine.randomBytes(engine.options().nonceSize());
        sa.psk = Phase1Support.psk(engine, sa, sa.connection);
        IdentificationPayload idi = Phase1Support.localId(sa);
        List<Payload> p = new ArrayList<>(List.of(offer, new KeyExchangePayload(Bytes.wrap(sa.gxi)),
                new NoncePayload(Bytes.wrap(sa.ni)), idi));
        out.trace(sa, 0, Outbox.Direction.OUT, "Ni: " + Bytes.wrap(sa.ni).hex());
        sa.tasks.build(Phase1Message.AGGR_1, p, out);
        sa.state = "AGGR_I1";
        engine.send(out, sa, ExchangeType.AGGRESSIVE, 0, p, false, true);
    }

    private IdentificationPayload idi;

    @Override
    public void process(Inbound in, Outbox out) throws Ikev1Failure {
        if (sa.initiator) {
            if (round != Round.FIRST) {
                engine.ignore(out, sa, "Aggressive Mode message after the ISAKMP SA was established");
                return;
            }
            // <-- { SA, KE, Nr, IDir, HASH_R }
            MessageRule.AGGR_2.check(in);
            var answer = in.require(SecurityAssociationPayload.class, "SA");
            Phase1Proposal chosen = Phase1Support.accepted(answer, offered);
            var ke = in.require(KeyExchangePayload.class, "KE");
            sa.nr = in.require(NoncePayload.class, "Nonce").nonce().toByteArray();
            var idr = in.require(IdentificationPayload.class, "ID");
            var hash = in.require(HashPayload.class, "HASH");
            Phase1Support.apply(engine, sa, chosen);
            sa.gxr = ke.keyExchangeData().toByteArray();
            Phase1Support.deriveKeys(engine, sa, sa.gxr, out);
            Phase1Support.verifyPeerHash(sa, hash, Phase1Support.hashR(sa, idr), "HASH_R", true, out);
            Phase1Support.checkPeerIdentity(sa, idr);
            in.authentic().run();
            sa.tasks.process(Phase1Message.AGGR_2, in, out);
            // AGGRESSIVE { HASH_I [, NAT-D, NAT-D] } --> (encrypted)
            IdentificationPayload myId = Phase1Support.localId(sa);
            byte[] hashI = Phase1Support.hashI(sa, myId);
            out.trace(sa, 0, Outbox.Direction.OUT, "HASH_I: " + Bytes.wrap(hashI).hex());
            List<Payload> am3 = new ArrayList<>(List.of(new HashPayload(Bytes.wrap(hashI))));
            sa.tasks.build(Phase1Message.AGGR_3, am3, out);
            engine.send(out, sa, ExchangeType.AGGRESSIVE, 0, am3, engine.options().encryptAggressive3(), false);
            round = Round.DONE;
            Phase1Support.establish(engine, sa, "AGGR_I2", out);
            engine.phase1Established(sa, out);
            return;
        }
        switch (round) {
            case FIRST -> {
                // AGGRESSIVE { SA, KE, Ni, IDii } -->, <-- { SA, KE, Nr, IDir, HASH_R }
                MessageRule.AGGR_1.check(in);
                var offer = in.require(SecurityAssociationPayload.class, "SA");
                var ke = in.require(KeyExchangePayload.class, "KE");
                var nonce = in.require(NoncePayload.class, "Nonce");
                idi = in.require(IdentificationPayload.class, "ID");
                Phase1Proposal.Choice choice = Phase1Proposal.select(offer,
                        Phase1Proposal.fromConfig(Ikev1Defaults.ike(sa.connection), sa.connection.lifetimes().ike().toSeconds()),
                        sa.connection.lifetimes().ike().toSeconds());
                Phase1Support.apply(engine, sa, choice.chosen());
                Phase1Support.checkKeSize(sa, ke);
                Phase1Support.checkPeerIdentity(sa, idi);
                sa.psk = Phase1Support.psk(engine, sa, sa.connection);
                sa.saiB = Phase1Support.body(offer);
                sa.gxi = ke.keyExchangeData().toByteArray();
                sa.ni = nonce.nonce().toByteArray();
                sa.dh = engine.crypto().keyExchange(sa.group, engine.secureRandom());
                sa.gxr = sa.dh.publicValue();
                sa.nr = engine.randomBytes(engine.options().nonceSize());
                Phase1Support.deriveKeys(engine, sa, sa.gxi, out);
                in.authentic().run();
                sa.tasks.process(Phase1Message.AGGR_1, in, out);
                IdentificationPayload idr = Phase1Support.localId(sa);
                byte[] hashR = Phase1Support.hashR(sa, idr);
                out.trace(sa, 0, Outbox.Direction.OUT, "Nr: " + Bytes.wrap(sa.nr).hex());
                out.trace(sa, 0, Outbox.Direction.OUT, "HASH_R: " + Bytes.wrap(hashR).hex());
                List<Payload> p = new ArrayList<>(List.of(Phase1Proposal.answer(choice.proposal(), choice.transform()),
                        new KeyExchangePayload(Bytes.wrap(sa.gxr)), new NoncePayload(Bytes.wrap(sa.nr)), idr,
                        new HashPayload(Bytes.wrap(hashR))));
                sa.tasks.build(Phase1Message.AGGR_2, p, out);
                sa.state = "AGGR_R1";
                engine.send(out, sa, ExchangeType.AGGRESSIVE, 0, p, false, false);
                round = Round.AUTH;
            }
            case AUTH -> {
                // AGGRESSIVE { HASH_I } -->, encrypted or not
                MessageRule.AGGR_3.check(in);
                var hash = in.require(HashPayload.class, "HASH");
                Phase1Support.verifyPeerHash(sa, hash, Phase1Support.hashI(sa, idi), "HASH_I", true, out);
                in.authentic().run();
                sa.tasks.process(Phase1Message.AGGR_3, in, out);
                round = Round.DONE;
                Phase1Support.establish(engine, sa, "AGGR_R2", out);
                engine.phase1Established(sa, out);
            }
            case DONE -> engine.ignore(out, sa, "Aggressive Mode message after the ISAKMP SA was established");
        }
    }
}
