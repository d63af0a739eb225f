package org.ike4j.analysis.decode;

import java.util.List;
import java.util.Optional;

import org.ike4j.analysis.keys.WiresharkNames;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.kdf.Ikev1HashAlgorithm;
import org.ike4j.engine.v1.Ikev1Algorithms;
import org.ike4j.engine.v2.protection.SkSuite;
import org.ike4j.wire.v1.DataAttribute;
import org.ike4j.wire.v1.Phase1Attributes;
import org.ike4j.wire.v2.Proposal;
import org.ike4j.wire.v2.SecurityAssociationPayload;
import org.ike4j.wire.v2.Transform;
import org.ike4j.wire.v2.TransformType;

/**
 * Names of algorithms in the three places the decoder meets them: Wireshark's key tables, charon's
 * log ({@code AES_CBC_128}, {@code HMAC_SHA2_256_128}), and the SA payloads of the capture itself
 * (RFC 7296 section 3.3.2 transform IDs; RFC 2409 Appendix A attributes).
 */
final class Algorithms {

    private Algorithms() {
    }

    /** The IKEv2 suite a Wireshark table row names, if ike4j implements both algorithms. */
    static Optional<SkSuite> fromWireshark(String encryption, String integrity) {
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            if (WiresharkNames.ikev2Encryption(a).filter(encryption::equals).isPresent()) {
                return Optional.of(new SkSuite.Combined(a));
            }
        }
        Optional<CipherAlgorithm> cipher = List.of(CipherAlgorithm.values()).stream()
                .filter(c -> WiresharkNames.ikev2Encryption(c).filter(encryption::equals).isPresent()).findFirst();
        Optional<IntegrityAlgorithm> integ = List.of(IntegrityAlgorithm.values()).stream()
                .filter(i -> WiresharkNames.ikev2Integrity(i).filter(integrity::equals).isPresent()).findFirst();
        if (cipher.isEmpty() || integ.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SkSuite.Classic(cipher.get(), integ.get()));
    }

    /** The IKEv2 suite from charon's names (its "selected proposal" line), if known. */
    static Optional<SkSuite> fromCharon(String encryption, String integrity) {
        if (encryption.isEmpty()) {
            return Optional.empty();
        }
        Optional<AeadAlgorithm> aead = enumOf(AeadAlgorithm.class, encryption);
        if (aead.isPresent()) {
            return Optional.of(new SkSuite.Combined(aead.get()));
        }
        Optional<CipherAlgorithm> cipher = encryption.equals("3DES_CBC") ? Optional.of(CipherAlgorithm.DES3_CBC)
                : enumOf(CipherAlgorithm.class, encryption);
        Optional<IntegrityAlgorithm> integ = enumOf(IntegrityAlgorithm.class, integrity);
        if (cipher.isEmpty() || integ.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SkSuite.Classic(cipher.get(), integ.get()));
    }

    /**
     * The suite a responder chose: the ENCR and INTEG transforms of the single proposal in the SA
     * payload of its IKE_SA_INIT response (RFC 7296 section 3.3).
     */
    static Optional<SkSuite> fromSaPayload(SecurityAssociationPayload sa) {
        if (sa.proposals().isEmpty()) {
            return Optional.empty();
        }
        Proposal p = sa.proposals().getFirst();
        Transform encr = null;
        Transform integ = null;
        for (Transform t : p.transforms()) {
            if (t.type().equals(TransformType.ENCR) && encr == null) {
                encr = t;
            } else if (t.type().equals(TransformType.INTEG) && integ == null) {
                integ = t;
            }
        }
        if (encr == null) {
            return Optional.empty();
        }
        String encrName = encr.transformId().name();
        int bits = encr.keyLength();
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            if (a.ianaName().equals(encrName) && (bits < 0 || a.cipherKeySize() * 8 == bits)) {
                return Optional.of(new SkSuite.Combined(a));
            }
        }
        Optional<CipherAlgorithm> cipher = Optional.empty();
        for (CipherAlgorithm c : CipherAlgorithm.values()) {
            int keyBits = (c.ianaName().equals("ENCR_AES_CTR") ? c.keySize() - 4 : c.keySize()) * 8;
            if (c.ianaName().equals(encrName) && (bits < 0 || keyBits == bits)) {
                cipher = Optional.of(c);
                break;
            }
        }
        if (cipher.isEmpty() || integ == null) {
            return Optional.empty();
        }
        String integName = integ.transformId().name();
        for (IntegrityAlgorithm i : IntegrityAlgorithm.values()) {
            if (i.ianaName().equals(integName)) {
                return Optional.of(new SkSuite.Classic(cipher.get(), i));
            }
        }
        return Optional.empty();
    }

    /** What a responder's Phase 1 SA payload chose (RFC 2409 Appendix A): cipher, hash, PRF. */
    record Phase1Choice(Optional<CipherAlgorithm> cipher, Optional<Ikev1HashAlgorithm> hash,
            Optional<PrfAlgorithm> prf, String description) {
    }

    /** The attributes of the first transform of the first proposal, as the responder returns one. */
    static Phase1Choice fromPhase1Sa(org.ike4j.wire.v1.SecurityAssociationPayload sa) {
        if (sa.proposals().isEmpty() || sa.proposals().getFirst().transforms().isEmpty()) {
            return new Phase1Choice(Optional.empty(), Optional.empty(), Optional.empty(), "no transform");
        }
        int encryption = -1;
        int keyBits = 0;
        int hash = -1;
        int prf = -1;
        for (DataAttribute a : sa.proposals().getFirst().transforms().getFirst().attributes()) {
            if (a.value().length() > 8) {
                continue;   // a TLV such as GROUP_PRIME: not one of the attributes read here
            }
            int v = (int) a.numericValue();
            if (a.type() == Phase1Attributes.Type.ENCRYPTION_ALGORITHM.code()) {
                encryption = v;
            } else if (a.type() == Phase1Attributes.Type.KEY_LENGTH.code()) {
                keyBits = v;
            } else if (a.type() == Phase1Attributes.Type.HASH_ALGORITHM.code()) {
                hash = v;
            } else if (a.type() == Phase1Attributes.Type.PRF.code()) {
                prf = v;
            }
        }
        // one object for each choice seen: every SA of a capture holds two, to the end
        boolean small = fits16(encryption) && fits16(keyBits) && fits16(hash) && fits16(prf);
        long id = ((encryption + 1L) << 48) | ((keyBits + 1L) << 32) | ((hash + 1L) << 16) | (prf + 1L);
        Phase1Choice seen = small ? CHOICES.get(id) : null;
        if (seen != null) {
            return seen;
        }
        Phase1Choice made = phase1Choice(encryption, keyBits, hash, prf);
        if (small && CHOICES.size() < 1024) {
            CHOICES.putIfAbsent(id, made);
        }
        return made;
    }

    /** -1 (absent) or a 16-bit attribute value: one of the four packed in a choice's key. */
    private static boolean fits16(int v) {
        return v >= -1 && v < 0xFFFF;
    }

    /** The Phase 1 choices made so far, by their four attribute values (a few in any capture). */
    private static final java.util.Map<Long, Phase1Choice> CHOICES = new java.util.concurrent.ConcurrentHashMap<>();

    private static Phase1Choice phase1Choice(int encryption, int keyBits, int hash, int prf) {
        Optional<CipherAlgorithm> cipher = Ikev1Algorithms.phase1Cipher(encryption, keyBits);
        Optional<Ikev1HashAlgorithm> h = Ikev1Algorithms.phase1Hash(hash);
        // RFC 2409 section 4: without a PRF attribute the PRF is the HMAC of the negotiated hash
        Optional<PrfAlgorithm> p = prf < 0 ? h.map(Ikev1HashAlgorithm::hmac) : Optional.empty();
        String description = (encryption < 0 ? "no cipher" : Phase1Attributes.EncryptionAlgorithm.of(encryption).name())
                + (keyBits > 0 ? "-" + keyBits : "") + "/"
                + (hash < 0 ? "no hash" : Phase1Attributes.HashAlgorithm.of(hash).name());
        return new Phase1Choice(cipher, h, p, description);
    }

    private static <E extends Enum<E>> Optional<E> enumOf(Class<E> type, String name) {
        try {
            return Optional.of(Enum.valueOf(type, name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
