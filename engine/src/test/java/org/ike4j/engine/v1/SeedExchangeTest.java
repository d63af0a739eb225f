package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ike4j.config.Configuration;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.Event;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * The seed document's negotiation, both sides from their own configuration files: strongSwan
 * (10.80.80.80, ipsec.conf + ipsec.secrets) initiates {@code up srx-13} to SRX-13 (10.80.80.13,
 * Junos configuration).
 */
class SeedExchangeTest {

    @Test
    void mainModeThenQuickModeAsInTheSeed() throws Exception {
        Configuration sw = Harness.strongSwanSeed();
        Configuration junos = Harness.junosSeed();
        assertEquals(List.of(), sw.errors());
        assertEquals(List.of(), junos.errors());
        Harness h = new Harness();
        Harness.Peer a = h.peer("server", "10.80.80.80", sw, 1);
        Harness.Peer b = h.peer("srx-13", "10.80.80.13", junos, 2);

        // ID_PROT { SA } -->                      <-- { SA }
        // ID_PROT { KE, Ni } -->                  <-- { KE, Nr }
        // ID_PROT* { IDii, HASH_I, N(INITIAL-CONTACT) } -->   <-- { IDir, HASH_R }
        // QUICK* { HASH(1), SA, Ni, IDci, IDcr } -->
        //        <-- { HASH(2), SA, Nr, IDci, IDcr, N(RESPONDER-LIFETIME 1200 s) }
        // QUICK* { HASH(3) } -->
        a.command(new Operator.Up("srx-13"));
        h.run();
        String log = a.log() + b.log();
        assertEquals(1, a.events(Event.Kind.IKE_SA_ESTABLISHED).size(), log);
        assertEquals(1, b.events(Event.Kind.IKE_SA_ESTABLISHED).size(), log);
        assertEquals(1, a.installed.size(), log);
        assertEquals(1, b.installed.size(), log);
        assertEquals(List.of(), a.events(Event.Kind.NEGOTIATION_FAILED), log);

        ChildSa ca = a.installed.get(0);
        ChildSa cb = b.installed.get(0);
        assertEquals(ca.inboundSpi(), cb.outboundSpi());
        assertEquals(ca.outboundSpi(), cb.inboundSpi());
        assertTrue(Integer.compareUnsigned(ca.inboundSpi(), 256) >= 0);
        assertTrue(ca.inboundEncryptionKey().sameAs(cb.outboundEncryptionKey().reveal()));
        assertTrue(ca.inboundIntegrityKey().sameAs(cb.outboundIntegrityKey().reveal()));
        assertTrue(ca.outboundEncryptionKey().sameAs(cb.inboundEncryptionKey().reveal()));
        assertTrue(ca.outboundIntegrityKey().sameAs(cb.inboundIntegrityKey().reveal()));
        // "Generate keys for inbound ESP transform, SPI 5ef52687, key length 36": AES-128 + HMAC-SHA1
        assertEquals(36, ca.inboundEncryptionKey().length() + ca.inboundIntegrityKey().length());
        assertEquals(36, ca.outboundEncryptionKey().length() + ca.outboundIntegrityKey().length());
        assertEquals(CipherAlgorithm.AES_CBC_128, ((org.ike4j.config.Encryption.Cipher) ca.encryption().orElseThrow()).algorithm());
        assertEquals(IntegrityAlgorithm.HMAC_SHA1_96, ca.integrity().orElseThrow());
        // RESPONDER-LIFETIME: 3600 s offered by pluto, 1200 s by the SRX's policy, honoured by the initiator
        assertEquals(1200, ca.hardLifetimeSeconds());
        assertEquals(1200, cb.hardLifetimeSeconds());
        assertEquals("0.0.0.0/0", ca.localSelectors().get(0).toString());
        assertEquals("0.0.0.0/0", cb.remoteSelectors().get(0).toString());

        Snapshot sa = a.engine.snapshot();
        Snapshot sb = b.engine.snapshot();
        assertEquals(1, sa.ikeSas().size());
        assertEquals(1, sb.ikeSas().size());
        Snapshot.IkeSaInfo ia = sa.ikeSas().get(0);
        Snapshot.IkeSaInfo ib = sb.ikeSas().get(0);
        assertEquals("MAIN_I4", ia.state());
        assertEquals("MAIN_R3", ib.state());
        assertEquals(ia.initiatorSpi(), ib.initiatorSpi());
        assertEquals(ia.responderSpi(), ib.responderSpi());
        for (Snapshot.IkeSaInfo i : List.of(ia, ib)) {
            assertEquals("3DES_CBC", i.encryption());
            assertEquals("HMAC_MD5_96", i.integrity());
            assertEquals("HMAC_MD5", i.prf());
            assertEquals("MODP_1024", i.dhGroup());
            assertEquals("Main", i.exchange());
            assertTrue(i.established());
        }
        assertEquals("10.80.80.13", ia.remoteId());
        assertEquals("10.80.80.80", ib.remoteId());
        // the SRX's statistics in the seed: "Input packets: 5 Output packets: 4"
        assertEquals(5, ib.packetsIn());
        assertEquals(4, ib.packetsOut());
        assertEquals(86400L * 1000, ib.expiresAtMillis() - ib.establishedAtMillis());
        // the initiator renews its ISAKMP SA a margin before the end (pluto's EVENT_SA_REPLACE);
        // the responder leaves renewal to the initiator
        assertTrue(ia.rekeyAtMillis() > ia.establishedAtMillis() && ia.rekeyAtMillis() < ia.expiresAtMillis(),
                ia::toString);
        assertEquals(0, ib.rekeyAtMillis());
        Snapshot.ChildSaInfo qa = sa.childSas().get(0);
        Snapshot.ChildSaInfo qb = sb.childSas().get(0);
        assertEquals("QUICK_I2", qa.state());
        assertEquals("QUICK_R2", qb.state());
        assertEquals("AES_CBC_128", qa.encryption());
        assertEquals("HMAC_SHA1_96", qb.integrity());
        assertEquals(1200, qa.lifetimeSeconds());
        assertEquals(1200, qb.lifetimeSeconds());
        assertEquals("", qa.pfsGroup());
    }

    @Test
    void theSrxFromItsSetFormNegotiatesTheSame() throws Exception {
        var junosSet = new org.ike4j.config.junos.JunosLoader().load(Harness.seed("srx-13.set"));
        Harness h = new Harness();
        Harness.Peer a = h.peer("server", "10.80.80.80", Harness.strongSwanSeed(), 1);
        Harness.Peer b = h.peer("srx-13", "10.80.80.13", junosSet, 2);
        a.command(new Operator.Up("srx-13"));
        h.run();
        assertEquals(1, b.installed.size(), a.log() + b.log());
        assertEquals(1200, a.installed.get(0).hardLifetimeSeconds());
        assertEquals("MAIN_R3", b.engine.snapshot().ikeSas().get(0).state());
    }

    @Test
    void downFromTheInitiatorDeletesOnBoth() throws Exception {
        Harness h = new Harness();
        Harness.Peer a = h.peer("server", "10.80.80.80", Harness.strongSwanSeed(), 1);
        Harness.Peer b = h.peer("srx-13", "10.80.80.13", Harness.junosSeed(), 2);
        a.command(new Operator.Up("srx-13"));
        h.run();
        a.command(new Operator.Down("srx-13"));
        h.run();
        String log = a.log() + b.log();
        assertEquals(1, a.deleted.size(), log);
        assertEquals(1, b.deleted.size(), log);
        assertEquals(a.installed.get(0).inboundSpi(), a.deleted.get(0).inboundSpi());
        assertEquals(b.installed.get(0).inboundSpi(), b.deleted.get(0).inboundSpi());
        assertEquals(0, a.engine.snapshot().ikeSas().size(), log);
        assertEquals(0, b.engine.snapshot().ikeSas().size(), log);
        assertEquals(0, b.engine.snapshot().childSas().size(), log);
        assertEquals(1, b.events(Event.Kind.IKE_SA_DELETED).size(), log);
    }

    @Test
    void downFromTheResponderDeletesOnBoth() throws Exception {
        Harness h = new Harness();
        Harness.Peer a = h.peer("server", "10.80.80.80", Harness.strongSwanSeed(), 3);
        Harness.Peer b = h.peer("srx-13", "10.80.80.13", Harness.junosSeed(), 4);
        a.command(new Operator.Up("srx-13"));
        h.run();
        b.command(new Operator.Down("SERVER-BOX"));
        h.run();
        String log = a.log() + b.log();
        assertEquals(1, a.deleted.size(), log);
        assertEquals(1, b.deleted.size(), log);
        assertEquals(0, a.engine.snapshot().ikeSas().size(), log);
        assertEquals(0, a.engine.snapshot().childSas().size(), log);
        assertEquals(0, b.engine.snapshot().ikeSas().size(), log);
    }
}
