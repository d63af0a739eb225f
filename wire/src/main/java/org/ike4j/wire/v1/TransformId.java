package org.ike4j.wire.v1;

import org.ike4j.wire.Registry;

/**
 * Transform identifiers, one registry per protocol: RFC 2407 section 4.4.2 (KEY_IKE), 4.4.3 (AH),
 * 4.4.4 (ESP) and 4.4.5 (IPCOMP), with the later IANA "IPsec DOI transform identifiers"
 * assignments (RFC 3602 ESP_AES, RFC 3686 ESP_AES-CTR, RFC 4309 CCM, RFC 4106 GCM, RFC 4196 SEED,
 * RFC 4312 Camellia, RFC 4543 GMAC, RFC 4868 SHA-2, RFC 3566 XCBC).
 *
 * <p>Note: IANA assigns ESP_NULL_AUTH_AES-GMAC 23 (RFC 4543 section 9 with erratum 1821); 21 is
 * ESP_SEED_CBC and 22 ESP_CAMELLIA.
 */
public record TransformId(int code, String name) implements Registry.Code {
    // equals and hashCode written out: the record's generated ones go through method handles, which
    // C1 (the decoder's compiler) does not inline, and decoding compares payload and notify types a lot
    @Override
    public boolean equals(Object o) {
        return o instanceof TransformId other && other.code == code && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * code + name.hashCode();
    }

    private static final Registry<TransformId> ISAKMP = new Registry<>("ISAKMP transform id", TransformId::new);
    private static final Registry<TransformId> AH = new Registry<>("AH transform id", TransformId::new);
    private static final Registry<TransformId> ESP = new Registry<>("ESP transform id", TransformId::new);
    private static final Registry<TransformId> IPCOMP = new Registry<>("IPCOMP transform id", TransformId::new);
    private static final Registry<TransformId> OTHER = new Registry<>("transform id", TransformId::new);

    // RFC 2407 4.4.2
    public static final TransformId KEY_IKE = ISAKMP.known(1, "KEY_IKE");

    // RFC 2407 4.4.3 and IANA
    public static final TransformId AH_MD5 = AH.known(2, "AH_MD5");
    public static final TransformId AH_SHA = AH.known(3, "AH_SHA");
    public static final TransformId AH_DES = AH.known(4, "AH_DES");
    public static final TransformId AH_SHA2_256 = AH.known(5, "AH_SHA2-256");
    public static final TransformId AH_SHA2_384 = AH.known(6, "AH_SHA2-384");
    public static final TransformId AH_SHA2_512 = AH.known(7, "AH_SHA2-512");
    public static final TransformId AH_RIPEMD = AH.known(8, "AH_RIPEMD");
    public static final TransformId AH_AES_XCBC_MAC = AH.known(9, "AH_AES-XCBC-MAC");
    public static final TransformId AH_RSA = AH.known(10, "AH_RSA");
    public static final TransformId AH_AES_128_GMAC = AH.known(11, "AH_AES-128-GMAC");
    public static final TransformId AH_AES_192_GMAC = AH.known(12, "AH_AES-192-GMAC");
    public static final TransformId AH_AES_256_GMAC = AH.known(13, "AH_AES-256-GMAC");

    // RFC 2407 4.4.4 and IANA
    public static final TransformId ESP_DES_IV64 = ESP.known(1, "ESP_DES_IV64");
    public static final TransformId ESP_DES = ESP.known(2, "ESP_DES");
    public static final TransformId ESP_3DES = ESP.known(3, "ESP_3DES");
    public static final TransformId ESP_RC5 = ESP.known(4, "ESP_RC5");
    public static final TransformId ESP_IDEA = ESP.known(5, "ESP_IDEA");
    public static final TransformId ESP_CAST = ESP.known(6, "ESP_CAST");
    public static final TransformId ESP_BLOWFISH = ESP.known(7, "ESP_BLOWFISH");
    public static final TransformId ESP_3IDEA = ESP.known(8, "ESP_3IDEA");
    public static final TransformId ESP_DES_IV32 = ESP.known(9, "ESP_DES_IV32");
    public static final TransformId ESP_RC4 = ESP.known(10, "ESP_RC4");
    public static final TransformId ESP_NULL = ESP.known(11, "ESP_NULL");
    /** RFC 3602; pluto prints it as AES_CBC. */
    public static final TransformId ESP_AES = ESP.known(12, "ESP_AES");
    public static final TransformId ESP_AES_CTR = ESP.known(13, "ESP_AES-CTR");
    public static final TransformId ESP_AES_CCM_8 = ESP.known(14, "ESP_AES-CCM_8");
    public static final TransformId ESP_AES_CCM_12 = ESP.known(15, "ESP_AES-CCM_12");
    public static final TransformId ESP_AES_CCM_16 = ESP.known(16, "ESP_AES-CCM_16");
    public static final TransformId ESP_AES_GCM_8 = ESP.known(18, "ESP_AES-GCM_8");
    public static final TransformId ESP_AES_GCM_12 = ESP.known(19, "ESP_AES-GCM_12");
    public static final TransformId ESP_AES_GCM_16 = ESP.known(20, "ESP_AES-GCM_16");
    public static final TransformId ESP_SEED_CBC = ESP.known(21, "ESP_SEED_CBC");
    public static final TransformId ESP_CAMELLIA = ESP.known(22, "ESP_CAMELLIA");
    public static final TransformId ESP_NULL_AUTH_AES_GMAC = ESP.known(23, "ESP_NULL_AUTH_AES-GMAC");

    // RFC 2407 4.4.5
    public static final TransformId IPCOMP_OUI = IPCOMP.known(1, "IPCOMP_OUI");
    public static final TransformId IPCOMP_DEFLATE = IPCOMP.known(2, "IPCOMP_DEFLATE");
    public static final TransformId IPCOMP_LZS = IPCOMP.known(3, "IPCOMP_LZS");
    public static final TransformId IPCOMP_LZJH = IPCOMP.known(4, "IPCOMP_LZJH");

    public TransformId {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("transform id is one byte: " + code);
        }
    }

    /** The transform id as the proposal's protocol names it. */
    public static TransformId of(ProtocolId protocol, int code) {
        return switch (protocol.code()) {
            case 1 -> ISAKMP.of(code);
            case 2 -> AH.of(code);
            case 3 -> ESP.of(code);
            case 4 -> IPCOMP.of(code);
            default -> OTHER.of(code);
        };
    }
}
