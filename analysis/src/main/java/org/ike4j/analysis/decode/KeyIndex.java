package org.ike4j.analysis.decode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ike4j.wire.Bytes;

/** The key sources' IKE keys by the SPIs they are looked up by; read-only once made, so shared by threads. */
final class KeyIndex {
    /** IKEv1 keys by initiator cookie. */
    private final Map<Long, KeySources.Ikev1Key> v1Keys = new HashMap<>();
    /** IKEv2 keys by both SPIs, as Wireshark matches its table's rows. */
    private final Map<SpiPair, KeySources.Ikev2Key> v2Keys = new HashMap<>();
    private final KeySources keys;
    /** The responder SPIs (hex) of the rows for each initiator SPI, made at the first SA without a key. */
    private Map<Long, List<String>> v2ResponderSpis;

    KeyIndex(KeySources keys) {
        this.keys = keys;
        // first row wins, as in Wireshark's tables
        for (KeySources.Ikev1Key k : keys.ikev1()) {
            v1Keys.putIfAbsent(asLong(k.initiatorCookie()), k);
        }
        for (KeySources.Ikev2Key k : keys.ikev2()) {
            v2Keys.putIfAbsent(new SpiPair(asLong(k.spiI()), asLong(k.spiR())), k);
        }
    }

    /** The key for an ISAKMP SA's initiator cookie, or null. */
    KeySources.Ikev1Key v1Key(long initiatorCookie) {
        return v1Keys.get(initiatorCookie);
    }

    /** The key for an IKE SA's two SPIs, or null. */
    KeySources.Ikev2Key v2Key(long spiI, long spiR) {
        return v2Keys.get(new SpiPair(spiI, spiR));
    }

    /**
     * The responder SPIs (hex) of the rows for an initiator SPI, or null: to say why no row fits an
     * IKEv2 SA (none for its initiator SPI, or rows for other responder SPIs).
     */
    synchronized List<String> responderSpis(long spiI) {
        if (v2ResponderSpis == null) {
            v2ResponderSpis = new HashMap<>();
            for (KeySources.Ikev2Key k : keys.ikev2()) {
                v2ResponderSpis.computeIfAbsent(asLong(k.spiI()), x -> new ArrayList<>()).add(k.spiR().hex());
            }
        }
        return v2ResponderSpis.get(spiI);
    }

    private static long asLong(Bytes eightBytes) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (eightBytes.get(i) & 0xFF);
        }
        return v;
    }

    /** An IKEv2 SA's two SPIs: the key of its key table row. */
    private static final class SpiPair {
        private final long initiator;
        private final long responder;

        SpiPair(long initiator, long responder) {
            this.initiator = initiator;
            this.responder = responder;
        }

        /**
         * Both SPIs mixed into every bit: SPIs that count up (a test's, or a peer's that numbers
         * its SAs) otherwise fall into a few of the map's buckets.
         */
        @Override
        public int hashCode() {
            long h = (initiator ^ Long.rotateLeft(responder, 29)) * 0x9E3779B97F4A7C15L;
            return (int) (h ^ h >>> 32);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SpiPair p && p.initiator == initiator && p.responder == responder;
        }
    }
}
