package org.ike4j.crypto.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Prf;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.TableBackend;
import org.ike4j.crypto.jca.JcaBackend;
import org.junit.jupiter.api.Test;

/** The start-up self-test catches a wrong primitive and a missing algorithm. */
class SelfTestTest {

    /** A backend whose HMAC-SHA1 flips one output bit, and which offers nothing else. */
    private static final class BrokenBackend extends TableBackend {
        BrokenBackend() {
            Prf real = new JcaBackend().prf(PrfAlgorithm.HMAC_SHA1).orElseThrow();
            prfs.put(PrfAlgorithm.HMAC_SHA1, new Prf() {
                @Override
                public PrfAlgorithm algorithm() {
                    return PrfAlgorithm.HMAC_SHA1;
                }

                @Override
                public byte[] apply(byte[] key, byte[]... data) {
                    byte[] out = real.apply(key, data);
                    out[3] ^= 0x10;
                    return out;
                }
            });
        }

        @Override
        public String name() {
            return "broken";
        }

        @Override
        public Optional<KeyExchange> keyExchange(DhGroup g, SecureRandom r) {
            return Optional.empty();
        }
    }

    @Test
    void wrongOutputFailsAndMissingAlgorithmsAreListed() {
        var results = new SelfTest(List.of(new BrokenBackend()), new SecureRandom()).run();
        var sha1 = results.stream().filter(r -> r.family().equals("prf") && r.algorithm().equals("HMAC_SHA1"))
                .findFirst().orElseThrow();
        assertEquals(SelfTest.Outcome.FAIL, sha1.outcome());
        assertTrue(sha1.detail().startsWith("output "), sha1.detail());
        assertFalse(SelfTest.passed(results));
        assertTrue(SelfTest.uncovered(results).contains("prf HMAC_SHA2_256"));
        assertTrue(SelfTest.uncovered(results).contains("key-exchange CURVE25519"));
    }

    @Test
    void theJdkBackendPassesWhatItOffers() {
        var results = new SelfTest(List.of(new JcaBackend()), new SecureRandom()).run();
        assertTrue(SelfTest.passed(results), results.stream().filter(r -> r.outcome() == SelfTest.Outcome.FAIL).toList()::toString);
        assertTrue(results.stream().anyMatch(r -> r.family().startsWith("key-exchange") && r.outcome() == SelfTest.Outcome.PASS));
    }
}
