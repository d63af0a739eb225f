package org.ike4j.crypto.ke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Secret;
import org.ike4j.crypto.ke.KeyExchanges.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values whose most significant byte is zero keep their full length: public values and shared
 * secrets are fixed-length strings (RFC 7296 section 3.4, RFC 5903 section 7, RFC 8031 section 2),
 * and a dropped zero byte would change SKEYSEED. About one draw in 256 has such a byte, so each
 * backend is run until it has produced both kinds, and the other backends must agree with it.
 */
class PaddingTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_TRIES = 20_000;

    static Stream<Arguments> cases() {
        return Stream.of(DhGroup.MODP_768, DhGroup.MODP_1024_160, DhGroup.ECP_256, DhGroup.ECP_521, DhGroup.CURVE25519)
            .flatMap(g -> KnownAnswerTest.backends().stream().filter(b -> b.supports(g)).map(b -> Arguments.of(g, b)));
    }

    /** The most significant byte: the first for big-endian values, the last for RFC 7748's little-endian ones. */
    private static byte top(DhGroup g, byte[] v, int from, int to) {
        return g.kind() == DhGroup.Kind.MONTGOMERY ? v[to - 1] : v[from];
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void leadingZeroBytesAreKept(DhGroup group, Backend backend) throws Exception {
        List<Backend> peers = KnownAnswerTest.backends().stream().filter(b -> b.supports(group)).toList();
        boolean sawPublic = false;
        boolean sawShared = false;
        for (int n = 0; n < MAX_TRIES && !(sawPublic && sawShared); n++) {
            try (KeyExchange ke = backend.create(group, RANDOM).orElseThrow()) {
                byte[] pub = ke.publicValue();
                assertEquals(group.publicSize(), pub.length);
                // For ECP the x coordinate leads; the y coordinate starts halfway.
                boolean zeroPublic = top(group, pub, 0, group.sharedSize()) == 0
                    || group.kind() == DhGroup.Kind.ECP && pub[group.sharedSize()] == 0;
                Backend peerBackend = peers.get(n % peers.size());
                try (KeyExchange peer = peerBackend.create(group, RANDOM).orElseThrow();
                     Secret mine = ke.sharedSecret(peer.publicValue())) {
                    byte[] z = mine.reveal();
                    assertEquals(group.sharedSize(), z.length);
                    boolean zeroShared = top(group, z, 0, z.length) == 0;
                    if (zeroPublic || zeroShared) {
                        try (Secret theirs = peer.sharedSecret(pub)) {
                            assertTrue(theirs.sameAs(z), "peer " + peerBackend + " disagrees");
                        }
                    }
                    sawPublic |= zeroPublic;
                    sawShared |= zeroShared;
                }
            }
        }
        assertTrue(sawPublic, "no public value with a leading zero byte in " + MAX_TRIES + " tries");
        assertTrue(sawShared, "no shared secret with a leading zero byte in " + MAX_TRIES + " tries");
    }
}
