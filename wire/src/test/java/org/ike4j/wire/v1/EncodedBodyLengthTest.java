package org.ike4j.wire.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.ike4j.wire.ByteWriter;
import org.junit.jupiter.api.Test;

/**
 * A payload that counts its own body length ({@link Payload#encodedBodyLength()}, which the trees
 * print instead of encoding the payload again) counts what {@link Payload#encodeBody} writes: for
 * random payloads of every family, the count is -1 or the number of octets encoded.
 */
class EncodedBodyLengthTest {

    @Test
    void aPayloadsOwnCountIsWhatItsEncodingWrites() {
        Set<Class<?>> counted = new HashSet<>();
        for (long seed = 0; seed < 5000; seed++) {
            RandomMessages r = new RandomMessages(seed);
            for (Payload p : r.payloads()) {
                int count = p.encodedBodyLength();
                if (count < 0) {
                    continue;
                }
                ByteWriter w = new ByteWriter(64);
                p.encodeBody(w);
                assertEquals(w.position(), count, "seed " + seed + ": " + p);
                counted.add(p.getClass());
            }
        }
        // the families the decoder meets in every exchange count themselves
        for (Class<?> c : new Class<?>[] {SecurityAssociationPayload.class, KeyExchangePayload.class,
                NoncePayload.class, HashPayload.class, VendorIdPayload.class, NatDiscoveryPayload.class,
                IdentificationPayload.class, NotificationPayload.class}) {
            assertTrue(counted.contains(c), c.getSimpleName() + " was not counted");
        }
    }
}
