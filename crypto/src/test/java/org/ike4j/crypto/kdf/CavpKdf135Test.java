package org.ike4j.crypto.kdf;

import static org.ike4j.crypto.kdf.TestVectors.cavs;
import static org.ike4j.crypto.kdf.TestVectors.hex;
import static org.ike4j.crypto.kdf.TestVectors.json;
import static org.ike4j.crypto.kdf.TestVectors.prf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Prf;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.Secret;
import org.ike4j.crypto.kdf.TestVectors.CavsSample;
import org.junit.jupiter.api.Test;

/**
 * The NIST CAVS KDF135 (SP 800-135) IKEv1 and IKEv2 samples, as carried in libreswan's CAVP test
 * data (vectors/libreswan_cavp, see PROVENANCE.md): each expected value in the .rsp sample, and
 * the same values in the ACVP-style expected JSON, reproduced.
 */
class CavpKdf135Test {

    /** The two copies of each expected value must agree, or one of the files was damaged. */
    private static void sameInBoth(CavsSample rsp, String rspName, JsonNode json, String jsonName) {
        assertEquals(rsp.value(rspName), json.get(jsonName).asText(), rspName + " differs between .rsp and .json");
    }

    private static void checkIkev1(CavsSample rsp, JsonNode expected, Prf prf, Secret skeyid) {
        Ikev1Keys keys = Ikev1Keys.derive(prf, skeyid, Secret.copyOf(rsp.bytes("g^xy")),
                rsp.bytes("CKY_I"), rsp.bytes("CKY_R"));
        String[][] names = {{"SKEYID", "sKeyId"}, {"SKEYID_d", "sKeyIdD"}, {"SKEYID_a", "sKeyIdA"},
                {"SKEYID_e", "sKeyIdE"}};
        Secret[] got = {keys.skeyid(), keys.skeyidD(), keys.skeyidA(), keys.skeyidE()};
        for (int i = 0; i < names.length; i++) {
            sameInBoth(rsp, names[i][0], expected, names[i][1]);
            assertEquals(rsp.value(names[i][0]), hex(got[i]), names[i][0]);
        }
    }

    @Test
    void ikev1PreSharedKey() {
        CavsSample rsp = cavs("libreswan_cavp/ikev1_psk.cavs.rsp.txt");
        JsonNode expected = json("libreswan_cavp/ikev1_psk.acvp-expected.json");
        Prf prf = prf(rsp.hmac());
        assertEquals(PrfAlgorithm.HMAC_SHA1, prf.algorithm());
        assertEquals(rsp.headerBytes("pre-shared-key length"), rsp.bytes("pre-shared-key").length);
        Secret skeyid = Ikev1Skeyid.preSharedKey(prf, Secret.copyOf(rsp.bytes("pre-shared-key")),
                rsp.bytes("Ni"), rsp.bytes("Nr"));
        checkIkev1(rsp, expected, prf, skeyid);
    }

    /** The DSA sample: SKEYID for signatures. Its first header line lacks the '[' (PROVENANCE.md). */
    @Test
    void ikev1DigitalSignature() {
        CavsSample rsp = cavs("libreswan_cavp/ikev1_dsa.cavs.rsp.txt");
        JsonNode expected = json("libreswan_cavp/ikev1_dsa.acvp-expected.json");
        assertEquals("256", rsp.header().get("g^xy length"), "the damaged header line still parses");
        Prf prf = prf(rsp.hmac());
        Secret skeyid = Ikev1Skeyid.signature(prf, rsp.bytes("Ni"), rsp.bytes("Nr"),
                Secret.copyOf(rsp.bytes("g^xy")));
        checkIkev1(rsp, expected, prf, skeyid);
    }

    @Test
    void ikev2() {
        CavsSample rsp = cavs("libreswan_cavp/ikev2.cavs.rsp.txt");
        JsonNode expected = json("libreswan_cavp/ikev2.acvp-expected.json");
        sameInBoth(rsp, "SKEYSEED", expected, "sKeySeed");
        sameInBoth(rsp, "DKM", expected, "derivedKeyingMaterial");
        sameInBoth(rsp, "DKM(Child SA)", expected, "derivedKeyingMaterialChild");
        sameInBoth(rsp, "DKM(Child SA D-H)", expected, "derivedKeyingMaterialDh");
        sameInBoth(rsp, "SKEYSEED(Rekey)", expected, "sKeySeedReKey");

        Prf prf = prf(rsp.hmac());
        byte[] ni = rsp.bytes("Ni");
        byte[] nr = rsp.bytes("Nr");
        byte[] spiI = rsp.bytes("SPIi");
        byte[] spiR = rsp.bytes("SPIr");
        Secret gir = Secret.copyOf(rsp.bytes("g^ir"));
        Secret newGir = Secret.copyOf(rsp.bytes("g^ir (new)"));
        int dkmLength = rsp.headerBytes("DKM length");
        int childLength = rsp.headerBytes("Child SA DKM length");

        Secret skeyseed = Ikev2Skeyseed.initial(prf, ni, nr, gir);
        assertEquals(rsp.value("SKEYSEED"), hex(skeyseed));

        Secret dkm = PrfPlus.derive(prf, skeyseed, dkmLength, ni, nr, spiI, spiR);
        assertEquals(rsp.value("DKM"), hex(dkm));

        // The same 132 bytes laid out as SK_*: 3 x 20 (HMAC-SHA1) + 2 x 20 (HMAC-SHA1-96 keys)
        // + 2 x 16 (AES-128) = 132, so the named keys must concatenate to DKM.
        SaKeySizes sizes = SaKeySizes.of(CipherAlgorithm.AES_CBC_128, IntegrityAlgorithm.HMAC_SHA1_96);
        assertEquals(dkmLength, 3 * prf.algorithm().preferredKeySize() + 2 * sizes.total());
        Ikev2SaKeys keys = Ikev2SaKeys.derive(prf, skeyseed, ni, nr, spiI, spiR, sizes);
        StringBuilder joined = new StringBuilder();
        keys.inOrder().forEach(k -> joined.append(hex(k)));
        assertEquals(rsp.value("DKM"), joined.toString());
        assertEquals(keys, Ikev2SaKeys.initial(prf, gir, ni, nr, spiI, spiR, sizes));

        // SK_d is the first PRF-key-size bytes of DKM; the Child SA and rekey values hang off it.
        Secret skD = keys.skD();
        assertEquals(rsp.value("DKM").substring(0, 40), hex(skD));
        assertEquals(rsp.value("DKM(Child SA)"), hex(Ikev2ChildKeys.keymat(prf, skD, null, ni, nr, childLength)));
        assertEquals(rsp.value("DKM(Child SA D-H)"),
                hex(Ikev2ChildKeys.keymat(prf, skD, newGir, ni, nr, childLength)));
        assertEquals(rsp.value("SKEYSEED(Rekey)"), hex(Ikev2Skeyseed.rekey(prf, skD, newGir, ni, nr)));
    }
}
