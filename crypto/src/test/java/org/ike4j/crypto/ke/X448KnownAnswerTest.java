package org.ike4j.crypto.ke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Secret;
import org.ike4j.crypto.ke.KeyExchanges.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * X448 (group 32) known answers. The project's vector files carry only X25519, so these few values
 * are transcribed from RFC 7748 itself (section 5.2, the two X448 test vectors and the first
 * iteration; section 6.2, the Alice/Bob exchange), all little-endian as printed there.
 */
class X448KnownAnswerTest {

    /** The base point u = 5, also the starting k of the iteration. */
    private static final String FIVE = "05" + "00".repeat(55);

    static Stream<Backend> backends() {
        return KnownAnswerTest.backends().stream().filter(b -> b.supports(DhGroup.CURVE448));
    }

    private static KeyExchange withScalar(Backend backend, String scalarHex) {
        return backend.withPrivateValue(DhGroup.CURVE448, Vectors.hex(scalarHex)).orElseThrow();
    }

    /** RFC 7748 section 5.2: X448(scalar, u). */
    @ParameterizedTest
    @MethodSource("backends")
    void rfc7748Section52(Backend backend) throws Exception {
        String[][] vectors = {
            {"3d262fddf9ec8e88495266fea19a34d28882acef045104d0d1aae121700a779c984c24f8cdd78fbff44943eba368f54b29259a4f1c600ad3",
             "06fce640fa3487bfda5f6cf2d5263f8aad88334cbd07437f020f08f9814dc031ddbdc38c19c6da2583fa5429db94ada18aa7a7fb4ef8a086",
             "ce3e4ff95a60dc6697da1db1d85e6afbdf79b50a2412d7546d5f239fe14fbaadeb445fc66a01b0779d98223961111e21766282f73dd96b6f"},
            {"203d494428b8399352665ddca42f9de8fef600908e0d461cb021f8c538345dd77c3e4806e25f46d3315c44e0a5b4371282dd2c8d5be3095f",
             "0fbcc2f993cd56d3305b0b7d9e55d4c1a8fb5dbb52f8e9a1e9b6201b165d015894e56c4d3570bee52fe205e28a78b91cdfbde71ce8d157db",
             "884a02576239ff7a2f2f63b2db6a9ff37047ac13568e1e30fe63c4a7ad1b3ee3a5700df34321d62077e63633c575c1c954514e99da7c179d"},
            // One iteration from k = u = 5.
            {FIVE, FIVE,
             "3f482c8a9f19b01e6c46ee9711d9dc14fd4bf67af30765c2ae2b846a4d23a8cd0db897086239492caf350b51f833868b9bc2b3bca9cf4113"},
        };
        for (String[] v : vectors) {
            try (KeyExchange ke = withScalar(backend, v[0]); Secret out = ke.sharedSecret(Vectors.hex(v[1]))) {
                assertTrue(out.sameAs(Vectors.hex(v[2])), v[0]);
            }
        }
    }

    /** RFC 7748 section 6.2: both public values and the shared secret. */
    @ParameterizedTest
    @MethodSource("backends")
    void rfc7748Section62(Backend backend) throws Exception {
        String alicePublic = "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bb"
            + "c836647241d953d40c5b12da88120d53177f80e532c41fa0";
        String bobPublic = "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972"
            + "fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609";
        byte[] shared = Vectors.hex("07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56"
            + "fd2464c335543936521c24403085d59a449a5037514a879d");
        try (KeyExchange alice = withScalar(backend, "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf5"
                 + "74a9419744897391006382a6f127ab1d9ac2d8c0a598726b");
             KeyExchange bob = withScalar(backend, "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120"
                 + "bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d")) {
            assertArrayEquals(Vectors.hex(alicePublic), alice.publicValue());
            assertArrayEquals(Vectors.hex(bobPublic), bob.publicValue());
            try (Secret a = alice.sharedSecret(bob.publicValue()); Secret b = bob.sharedSecret(alice.publicValue())) {
                assertTrue(a.sameAs(shared));
                assertTrue(b.sameAs(shared));
            }
        }
    }
}
