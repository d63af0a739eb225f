package org.ike4j.config.strongswan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.ChildProposal.Esn;
import org.ike4j.config.ChildProposal.Protocol;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Encryption;
import org.ike4j.config.IkeProposal;
import org.ike4j.config.SourceLocation;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.PrfAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The keyword table against strongSwan's documented keywords ("IKEv2 Cipher Suites",
 * docs.strongswan.org): each row is a keyword and the IANA name of the transform it stands for.
 */
class ProposalParserTest {
    private static final SourceLocation AT = new SourceLocation("f", 3, 5);

    static IkeProposal ike(String s) throws ConfigException {
        return ProposalParser.parseIke(s, "ike", AT).proposals().getFirst();
    }

    static ChildProposal esp(String s) throws ConfigException {
        return ProposalParser.parseChild(s, "esp", Protocol.ESP, AT).proposals().getFirst();
    }

    @ParameterizedTest
    @CsvSource({
        "3des, ENCR_3DES, 192", "aes, ENCR_AES_CBC, 128", "aes128, ENCR_AES_CBC, 128", "aes192, ENCR_AES_CBC, 192",
        "aes256, ENCR_AES_CBC, 256", "aes128ctr, ENCR_AES_CTR, 128", "aes192ctr, ENCR_AES_CTR, 192",
        "aes256ctr, ENCR_AES_CTR, 256"})
    void ciphers(String keyword, String iana, int bits) throws ConfigException {
        Encryption e = ike(keyword + "-sha256-modp2048").encryption().getFirst();
        assertEquals(iana, ((Encryption.Cipher) e).algorithm().ianaName());
        assertEquals(bits, e.keyBits());
    }

    @ParameterizedTest
    @CsvSource({
        "aes128gcm8, ENCR_AES_GCM_8, 128", "aes128gcm64, ENCR_AES_GCM_8, 128", "aes192gcm12, ENCR_AES_GCM_12, 192",
        "aes192gcm96, ENCR_AES_GCM_12, 192", "aes256gcm16, ENCR_AES_GCM_16, 256", "aes256gcm128, ENCR_AES_GCM_16, 256",
        "aes128ccm8, ENCR_AES_CCM_8, 128", "aes128ccm64, ENCR_AES_CCM_8, 128", "aes256ccm12, ENCR_AES_CCM_12, 256",
        "aes192ccm16, ENCR_AES_CCM_16, 192", "aes192ccm128, ENCR_AES_CCM_16, 192",
        "chacha20poly1305, ENCR_CHACHA20_POLY1305, 256"})
    void aeads(String keyword, String iana, int bits) throws ConfigException {
        Encryption e = ike(keyword + "-prfsha256-ecp256").encryption().getFirst();
        assertEquals(iana, ((Encryption.Aead) e).algorithm().ianaName());
        assertEquals(bits, e.keyBits());
        assertEquals(List.of(), ike(keyword + "-prfsha256-ecp256").integrity());
    }

    @ParameterizedTest
    @CsvSource({
        "md5, AUTH_HMAC_MD5_96, PRF_HMAC_MD5", "sha, AUTH_HMAC_SHA1_96, PRF_HMAC_SHA1",
        "sha1, AUTH_HMAC_SHA1_96, PRF_HMAC_SHA1", "sha1_160, AUTH_HMAC_SHA1_160, PRF_HMAC_SHA1",
        "sha256, AUTH_HMAC_SHA2_256_128, PRF_HMAC_SHA2_256", "sha2_256, AUTH_HMAC_SHA2_256_128, PRF_HMAC_SHA2_256",
        "sha384, AUTH_HMAC_SHA2_384_192, PRF_HMAC_SHA2_384", "sha2_384, AUTH_HMAC_SHA2_384_192, PRF_HMAC_SHA2_384",
        "sha512, AUTH_HMAC_SHA2_512_256, PRF_HMAC_SHA2_512", "sha2_512, AUTH_HMAC_SHA2_512_256, PRF_HMAC_SHA2_512",
        "aesxcbc, AUTH_AES_XCBC_96, PRF_AES128_XCBC"})
    void integrityAndImpliedPrf(String keyword, String integ, String prf) throws ConfigException {
        IkeProposal p = ike("aes128-" + keyword + "-modp2048");
        assertEquals(integ, p.integrity().getFirst().ianaName());
        assertEquals(List.of(prf), p.prf().stream().map(PrfAlgorithm::ianaName).toList());
    }

    @ParameterizedTest
    @CsvSource({
        "prfmd5, PRF_HMAC_MD5", "prfsha1, PRF_HMAC_SHA1", "prfsha256, PRF_HMAC_SHA2_256",
        "prfsha384, PRF_HMAC_SHA2_384", "prfsha512, PRF_HMAC_SHA2_512", "prfaesxcbc, PRF_AES128_XCBC",
        "prfaescmac, PRF_AES128_CMAC"})
    void prfs(String keyword, String iana) throws ConfigException {
        assertEquals(List.of(iana), ike("aes128-sha256-" + keyword + "-modp2048").prf().stream()
                .map(PrfAlgorithm::ianaName).toList());
    }

    @ParameterizedTest
    @CsvSource({
        "modp768, 1", "modp1024, 2", "modp1536, 5", "modp2048, 14", "modp3072, 15", "modp4096, 16", "modp6144, 17",
        "modp8192, 18", "ecp256, 19", "ecp384, 20", "ecp521, 21", "modp1024s160, 22", "modp2048s224, 23",
        "modp2048s256, 24", "curve25519, 31", "x25519, 31", "curve448, 32", "x448, 32"})
    void groups(String keyword, int iana) throws ConfigException {
        assertEquals(iana, ike("aes128-sha256-" + keyword).dhGroups().getFirst().number());
        assertEquals(iana, esp("aes128-sha256-" + keyword).pfsGroups().getFirst().number());
    }

    @Test
    void documentedExamples() throws ConfigException {
        assertEquals(new IkeProposal(List.of(Encryption.of(CipherAlgorithm.DES3_CBC)), List.of(IntegrityAlgorithm.HMAC_MD5_96),
                List.of(PrfAlgorithm.HMAC_MD5), List.of(DhGroup.MODP_1024)), ike("3des-md5-modp1024"));
        assertEquals(new IkeProposal(List.of(Encryption.of(AeadAlgorithm.AES_GCM_16_128)), List.of(),
                List.of(PrfAlgorithm.HMAC_SHA2_256), List.of(DhGroup.ECP_256)), ike("aes128gcm16-prfsha256-ecp256"));
        assertEquals(new IkeProposal(List.of(Encryption.of(CipherAlgorithm.AES_CBC_128)), List.of(IntegrityAlgorithm.HMAC_SHA2_256_128),
                List.of(PrfAlgorithm.HMAC_SHA2_256), List.of(DhGroup.CURVE25519)), ike("aes128-sha256-x25519"));
        // order of kinds does not matter; order within a kind is preference
        assertEquals(ike("aes256gcm16-aes192gcm16-prfsha384-prfsha256-ecp384-modp3072"),
                ike("aes256gcm16-prfsha384-ecp384-aes192gcm16-prfsha256-modp3072"));
        assertEquals(new ChildProposal(Protocol.ESP, List.of(Encryption.of(CipherAlgorithm.AES_CBC_128)),
                List.of(IntegrityAlgorithm.HMAC_SHA1_96), List.of(), List.of(Esn.NO_ESN)), esp("aes128-sha1"));
        assertEquals(List.of(Esn.ESN, Esn.NO_ESN), esp("aes128gcm16-esn-noesn").esn());
        assertEquals(List.of(Esn.NO_ESN), esp("chacha20poly1305").esn());
        assertEquals(List.of(IntegrityAlgorithm.HMAC_SHA2_256_128),
                ProposalParser.parseChild("sha256", "ah", Protocol.AH, AT).proposals().getFirst().integrity());
        assertEquals(CipherAlgorithm.NULL, ((Encryption.Cipher) esp("null-sha256").encryption().getFirst()).algorithm());
    }

    @Test
    void listsAndStrict() throws ConfigException {
        var p = ProposalParser.parseIke("aes128-sha1-modp2048, 3des-md5-modp1024!", "ike", AT);
        assertTrue(p.strict());
        assertEquals(2, p.proposals().size());
        assertEquals(List.of(DhGroup.MODP_1024), p.proposals().get(1).dhGroups());
        assertFalse(ProposalParser.parseChild("aes128-sha1", "esp", Protocol.ESP, AT).strict());
    }

    static ConfigException fails(String value, boolean ike) {
        return assertThrows(ConfigException.class, () -> {
            if (ike) {
                ike(value);
            } else {
                esp(value);
            }
        });
    }

    @Test
    void errorsNameKeywordAndColumn() {
        ConfigException e = fails("aes128-sha1-modp2048,aes129-sha1-modp2048", true);
        assertEquals("unknown algorithm 'aes129' in ike=", e.problem().message());
        assertEquals("f:3:26", e.problem().location().toString());
        e = fails("aes128-sha1-", true);
        assertEquals("empty algorithm keyword in ike=", e.problem().message());
        assertEquals("f:3:17", e.problem().location().toString());
        assertEquals("algorithm 'blowfish' in ike= is not supported by ike4j", fails("blowfish-sha1-modp2048", true).problem().message());
        assertEquals("'esn' applies to esp= and ah=, not to ike=", fails("aes128-sha1-modp2048-esn", true).problem().message());
        assertTrue(fails("aes128-sha1", true).problem().message().startsWith("expected a Diffie-Hellman group"));
        assertTrue(fails("sha1-modp2048", true).problem().message().startsWith("expected an encryption algorithm"));
        assertTrue(fails("aes128-modp2048", true).problem().message().startsWith("expected an integrity algorithm"));
        assertTrue(fails("aes128gcm16-ecp256", true).problem().message().startsWith("expected a PRF"));
        assertTrue(fails("aes128gcm16-sha256-prfsha256-ecp256", true).problem().message().startsWith("an AEAD algorithm takes no integrity"));
        assertTrue(fails("aes128gcm16-aes128-sha256-ecp256", false).problem().message().startsWith("AEAD and classic"));
        assertTrue(fails("null-sha1-modp2048", true).problem().message().startsWith("'null' encryption"));
        assertEquals("a PRF ('prfsha256') belongs in ike=, not in esp=", fails("aes128-sha256-prfsha256", false).problem().message());
        assertTrue(fails("", false).problem().message().startsWith("expected algorithm keywords"));
        assertThrows(ConfigException.class, () -> ProposalParser.parseChild("aes128-sha1", "ah", Protocol.AH, AT));
    }
}
