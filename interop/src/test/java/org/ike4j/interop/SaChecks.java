package org.ike4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.ike4j.testkit.ChildSa;
import org.ike4j.testkit.IkeSa;

/** What both sides must agree on: ike4j's snapshot (status --json) against charon's list-sas. */
final class SaChecks {

    /**
     * charon's CHILD_SA states whose SAs are in its SAD: while a renewal runs the old pair is
     * REKEYING (then REKEYED until deleted), still installed and carrying traffic.
     */
    static final java.util.Set<String> IN_SAD = java.util.Set.of("INSTALLED", "REKEYING", "REKEYED");


    private SaChecks() {
    }

    /** Same cookies, same algorithms, opposite roles. */
    static void sameIsakmpSa(Map<String, Object> ike4j, IkeSa charon, boolean ike4jInitiated) {
        String context = "ike4j " + ike4j + "\ncharon " + charon;
        assertEquals(charon.initiatorSpi(), Ike4jStatus.str(ike4j, "initiatorSpi"), context);
        assertEquals(charon.responderSpi(), Ike4jStatus.str(ike4j, "responderSpi"), context);
        assertEquals(ike4jInitiated, ike4j.get("initiator"), context);
        assertEquals(!ike4jInitiated, charon.initiator(), context);
        assertEquals(charon.encrAlg() + (charon.encrKeysize() > 0 && !charon.encrAlg().equals("3DES_CBC")
                ? "_" + charon.encrKeysize() : ""), Ike4jStatus.str(ike4j, "encryption"), context);
        assertEquals(charon.integAlg(), Ike4jStatus.str(ike4j, "integrity"), context);
        assertEquals(charon.prfAlg(), "PRF_" + Ike4jStatus.str(ike4j, "prf"), context);
        assertEquals(charon.dhGroup(), Ike4jStatus.str(ike4j, "dhGroup"), context);
        assertEquals("ESTABLISHED", charon.state(), context);
    }

    /**
     * ike4j's inbound SPI is charon's outbound and back; same algorithms; the same lifetime:
     * charon's hard lifetime (seconds since install + seconds left) equals the one ike4j agreed.
     */
    static void sameIpsecSa(Map<String, Object> ike4j, ChildSa charon, long ike4jNow) {
        sameIpsecSa(ike4j, charon, ike4jNow, Ike4jStatus.num(ike4j.get("lifetimeSeconds")));
    }

    /** As above, with charon's lifetime given (charon keeps its own when it was the initiator). */
    static void sameIpsecSa(Map<String, Object> ike4j, ChildSa charon, long ike4jNow, long charonLifetime) {
        String context = "ike4j " + ike4j + "\ncharon " + charon;
        assertEquals(charon.spiOut(), Ike4jStatus.str(ike4j, "inboundSpi"), context);
        assertEquals(charon.spiIn(), Ike4jStatus.str(ike4j, "outboundSpi"), context);
        assertEquals(charon.encrAlg() + "_" + charon.encrKeysize(), Ike4jStatus.str(ike4j, "encryption"), context);
        assertEquals(charon.integAlg(), Ike4jStatus.str(ike4j, "integrity"), context);
        assertEquals(charon.dhGroup(), Ike4jStatus.str(ike4j, "pfsGroup"), context);
        assertEquals("INSTALLED", charon.state(), context);
        long lifetime = Ike4jStatus.num(ike4j.get("lifetimeSeconds"));
        long charonLife = Long.parseLong(charon.attributes().getOrDefault("install-time", "0"))
                + Long.parseLong(charon.attributes().getOrDefault("life-time", "0"));
        assertTrue(Math.abs(charonLifetime - charonLife) <= 2, "lifetimes: ike4j " + lifetime + " s, charon " + charonLife
                + " s\n" + context);
        long ike4jLeft = (Ike4jStatus.num(ike4j.get("expiresAtMillis")) - ike4jNow) / 1000;
        assertTrue(ike4jLeft > 0 && ike4jLeft <= lifetime, context);
    }
}
