package org.ike4j.wire.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.ike4j.wire.Registry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Spot checks of registry numbers against RFC 7296 (sections 3.1, 3.2, 3.3.2, 3.5, 3.8, 3.10.1,
 * 3.13.1, 3.15), RFC 7383 section 2.5 and RFC 9370 section 2.2.1, looked up by name so that a
 * mistyped constant shows.
 */
class RegistryNumbersTest {

    @ParameterizedTest
    @CsvSource({
        "exchange, IKE_SA_INIT, 34", "exchange, INFORMATIONAL, 37", "exchange, IKE_INTERMEDIATE, 43",
        "exchange, IKE_FOLLOWUP_KE, 44",
        "payload, SA, 33", "payload, Nonce, 40", "payload, SK, 46", "payload, GSPM, 49", "payload, SKF, 53",
        "transform, KE, 4", "transform, ADDKE1, 6", "transform, ADDKE7, 12",
        "encr, ENCR_3DES, 3", "encr, ENCR_NULL, 11", "encr, ENCR_AES_CTR, 13", "encr, ENCR_AES_GCM_16, 20",
        "encr, ENCR_NULL_AUTH_AES_GMAC, 21", "encr, ENCR_CHACHA20_POLY1305, 28",
        "prf, PRF_AES128_XCBC, 4", "prf, PRF_HMAC_SHA2_512, 7", "prf, PRF_AES128_CMAC, 8",
        "integ, AUTH_HMAC_SHA1_96, 2", "integ, AUTH_HMAC_SHA1_160, 7", "integ, AUTH_AES_128_GMAC, 9",
        "integ, AUTH_HMAC_SHA2_512_256, 14",
        "ke, MODP_2048, 14", "ke, MODP_2048_256, 24", "ke, CURVE25519, 31", "ke, CURVE448, 32", "ke, ML_KEM_1024, 37",
        "id, ID_IPV6_ADDR, 5", "id, ID_KEY_ID, 11",
        "auth, SHARED_KEY_MIC, 2", "auth, ECDSA_SHA512_P521, 11", "auth, DIGITAL_SIGNATURE, 14",
        "notify, INVALID_SYNTAX, 7", "notify, NO_PROPOSAL_CHOSEN, 14", "notify, INVALID_KE_PAYLOAD, 17",
        "notify, AUTHENTICATION_FAILED, 24", "notify, TS_UNACCEPTABLE, 38", "notify, CHILD_SA_NOT_FOUND, 44",
        "notify, INITIAL_CONTACT, 16384", "notify, NAT_DETECTION_SOURCE_IP, 16388", "notify, COOKIE, 16390",
        "notify, MOBIKE_SUPPORTED, 16396", "notify, EAP_ONLY_AUTHENTICATION, 16417",
        "notify, IKEV2_FRAGMENTATION_SUPPORTED, 16430", "notify, SIGNATURE_HASH_ALGORITHMS, 16431",
        "ts, TS_IPV4_ADDR_RANGE, 7", "ts, TS_IPV6_ADDR_RANGE, 8",
        "cfg, CFG_ACK, 4", "cfgattr, INTERNAL_IP4_ADDRESS, 1", "cfgattr, INTERNAL_IP6_SUBNET, 15",
    })
    void namedValueHasTheRfcNumber(String registry, String name, int code) {
        Registry<?> r = switch (registry) {
            case "exchange" -> ExchangeType.registry();
            case "payload" -> PayloadType.registry();
            case "transform" -> TransformType.registry();
            case "encr" -> EncrAlgorithm.registry();
            case "prf" -> PrfAlgorithm.registry();
            case "integ" -> IntegAlgorithm.registry();
            case "ke" -> KeyExchangeMethod.registry();
            case "id" -> IdType.registry();
            case "auth" -> AuthMethod.registry();
            case "notify" -> NotifyType.registry();
            case "ts" -> TsType.registry();
            case "cfg" -> CfgType.registry();
            case "cfgattr" -> ConfigAttributeType.registry();
            default -> throw new IllegalArgumentException(registry);
        };
        assertEquals(code, r.byName(name).code(), registry + " " + name);
    }

    @ParameterizedTest
    @CsvSource({"45", "200", "65535"})
    void unknownNumbersStayThemselves(int code) {
        NotifyType n = NotifyType.of(code);
        assertEquals(code, n.code());
        assertEquals("UNKNOWN-" + code, n.name());
        assertFalse(n.isKnown());
    }
}
