package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.ike4j.config.Connection;
import org.ike4j.config.TrafficSelector;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v1.IsakmpCodec;
import org.ike4j.wire.v1.NoncePayload;
import org.ike4j.wire.v1.Payload;
import org.ike4j.wire.v1.PayloadChain;
import org.junit.jupiter.api.Test;

/**
 * What our Quick Mode initiator puts after HASH(1), from the seed's ipsec.conf, against pluto's
 * "encrypting:" dump of Quick Mode message 1 in the seed document (SPI c786011d and Ni
 * 5d913168... taken from the dump; HASH(1) needs SKEYID_a, which the seed does not show).
 */
class SeedQuickModeBytesTest {

    @Test
    void saNonceAndClientIdsAsPlutoSentThem() throws Exception {
        Connection c = Harness.strongSwanSeed().connection("srx-13").orElseThrow();
        var sa = QuickModeProposal.offer(Ikev1Defaults.esp(c), 0xc786011d, QuickModeProposal.pfsGroup(c.childProposals()),
                c.mode(), c.lifetimes().ipsec().toSeconds(), false);
        TrafficSelector local = c.local().selectors().get(0);
        TrafficSelector remote = c.remote().selectors().get(0);
        List<Payload> rest = List.of(sa, new NoncePayload(Bytes.fromHex("5d913168cd6deed76eb1ad1ac8db455c")),
                ProxyIds.toPayload(local), ProxyIds.toPayload(remote));
        byte[] ours = IsakmpCodec.encodePayloads(new PayloadChain(rest, Bytes.EMPTY));
        byte[] seed = Bytes.fromHex(Ikev1ProtectionTest.QM1_PLAINTEXT).toByteArray();
        // the seed's plaintext after the 20-byte HASH payload
        assertEquals(Bytes.wrap(Arrays.copyOfRange(seed, 20, seed.length)), Bytes.wrap(ours));
    }
}
