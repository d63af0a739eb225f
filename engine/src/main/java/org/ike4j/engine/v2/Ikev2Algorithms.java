package org.ike4j.engine.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.Encryption;
import org.ike4j.config.IkeProposal;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.kdf.SaKeySizes;
import org.ike4j.engine.v2.protection.SkSuite;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v2.Proposal;
import org.ike4j.wire.v2.ProtocolId;
import org.ike4j.wire.v2.Transform;
import org.ike4j.wire.v2.TransformAttribute;
import org.ike4j.wire.v2.TransformType;

/**
 * The IKEv2 transform IDs (RFC 7296 section 3.3.2, the IANA "Transform Type" registries) of the
 * algorithms ike4j implements, both ways, and the proposals built from the configuration.
 */
final class Ikev2Algorithms {
    private Ikev2Algorithms() {
    }

    /** ENCR transform: ID and key length in bits (0 when the algorithm has a fixed key). */
    static Transform encr(Encryption e) {
        int id = switch (e) {
            case Encryption.Cipher c -> switch (c.algorithm()) {
                case DES3_CBC -> 3;
                case AES_CBC_128, AES_CBC_192, AES_CBC_256 -> 12;
                case AES_CTR_128, AES_CTR_192, AES_CTR_256 -> 13;
                case NULL -> 11;
            };
            case Encryption.Aead a -> switch (a.algorithm()) {
                case AES_CCM_8_128, AES_CCM_8_192, AES_CCM_8_256 -> 14;
                case AES_CCM_12_128, AES_CCM_12_192, AES_CCM_12_256 -> 15;
                case AES_CCM_16_128, AES_CCM_16_192, AES_CCM_16_256 -> 16;
                case AES_GCM_8_128, AES_GCM_8_192, AES_GCM_8_256 -> 18;
                case AES_GCM_12_128, AES_GCM_12_192, AES_GCM_12_256 -> 19;
                case AES_GCM_16_128, AES_GCM_16_192, AES_GCM_16_256 -> 20;
                case CHACHA20_POLY1305 -> 28;
            };
        };
        boolean keyLength = id == 12 || id == 13 || (id >= 14 && id <= 20);
        return keyLength ? new Transform(TransformType.ENCR, id, List.of(TransformAttribute.keyLength(e.keyBits())))
                : new Transform(TransformType.ENCR, id);
    }

    /** The encryption an ENCR transform names, or empty if ike4j does not implement it. */
    static Optional<Encryption> encryption(Transform t) {
        int bits = t.keyLength();
        Encryption e = switch (t.id()) {
            case 3 -> bits <= 0 ? Encryption.of(CipherAlgorithm.DES3_CBC) : null;
            case 12 -> bits == 128 ? Encryption.of(CipherAlgorithm.AES_CBC_128) : bits == 192
                    ? Encryption.of(CipherAlgorithm.AES_CBC_192) : bits == 256 ? Encryption.of(CipherAlgorithm.AES_CBC_256) : null;
            case 13 -> bits == 128 ? Encryption.of(CipherAlgorithm.AES_CTR_128) : bits == 192
                    ? Encryption.of(CipherAlgorithm.AES_CTR_192) : bits == 256 ? Encryption.of(CipherAlgorithm.AES_CTR_256) : null;
            case 14 -> aead(bits, AeadAlgorithm.AES_CCM_8_128, AeadAlgorithm.AES_CCM_8_192, AeadAlgorithm.AES_CCM_8_256);
            case 15 -> aead(bits, AeadAlgorithm.AES_CCM_12_128, AeadAlgorithm.AES_CCM_12_192, AeadAlgorithm.AES_CCM_12_256);
            case 16 -> aead(bits, AeadAlgorithm.AES_CCM_16_128, AeadAlgorithm.AES_CCM_16_192, AeadAlgorithm.AES_CCM_16_256);
            case 18 -> aead(bits, AeadAlgorithm.AES_GCM_8_128, AeadAlgorithm.AES_GCM_8_192, AeadAlgorithm.AES_GCM_8_256);
            case 19 -> aead(bits, AeadAlgorithm.AES_GCM_12_128, AeadAlgorithm.AES_GCM_12_192, AeadAlgorithm.AES_GCM_12_256);
            case 20 -> aead(bits, AeadAlgorithm.AES_GCM_16_128, AeadAlgorithm.AES_GCM_16_192, AeadAlgorithm.AES_GCM_16_256);
            case 28 -> bits <= 0 ? Encryption.of(AeadAlgorithm.CHACHA20_POLY1305) : null;
            default -> null;
        };
        return Optional.ofNullable(e);
    }

    private static Encryption aead(int bits, AeadAlgorithm a128, AeadAlgorithm a192, AeadAlgorithm a256) {
        return switch (bits) {
            case 128 -> Encryption.of(a128);
            case 192 -> Encryption.of(a192);
            case 256 -> Encryption.of(a256);
            default -> null;
        };
    }

    static int prfId(PrfAlgorithm p) {
        return switch (p) {
            case HMAC_MD5 -> 1;
            case HMAC_SHA1 -> 2;
            case AES128_XCBC -> 4;
            case HMAC_SHA2_256 -> 5;
            case HMAC_SHA2_384 -> 6;
            case HMAC_SHA2_512 -> 7;
            case AES128_CMAC -> 8;
        };
    }

    static Optional<PrfAlgorithm> prf(int id) {
        for (PrfAlgorithm p : PrfAlgorithm.values()) {
            if (prfId(p) == id) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static int integId(IntegrityAlgorithm i) {
        return switch (i) {
            case HMAC_MD5_96 -> 1;
            case HMAC_SHA1_96 -> 2;
            case AES_XCBC_96 -> 5;
            case HMAC_SHA1_160 -> 7;
            case AES_CMAC_96 -> 8;
            case HMAC_SHA2_256_128 -> 12;
            case HMAC_SHA2_384_192 -> 13;
            case HMAC_SHA2_512_256 -> 14;
        };
    }

    static Optional<IntegrityAlgorithm> integrity(int id) {
        for (IntegrityAlgorithm i : IntegrityAlgorithm.values()) {
            if (integId(i) == id) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /**
     * One negotiated IKE SA suite.
     *
     * @param integrity empty with an AEAD cipher
     */
    record IkeSuite(Encryption encryption, Optional<IntegrityAlgorithm> integrity, PrfAlgorithm prf, DhGroup group) {
        SkSuite skSuite() {
            return switch (encryption) {
                case Encryption.Cipher c -> new SkSuite.Classic(c.algorithm(), integrity.orElseThrow());
                case Encryption.Aead a -> new SkSuite.Combined(a.algorithm());
            };
        }

        SaKeySizes keySizes() {
            return switch (encryption) {
                case Encryption.Cipher c -> SaKeySizes.of(c.algorithm(), integrity.orElseThrow());
                case Encryption.Aead a -> SaKeySizes.of(a.algorithm());
            };
        }

        /** As the logs and charon print it: {@code AES_CBC_128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/CURVE25519}. */
        @Override
        public String toString() {
            return encryptionName(encryption) + integrity.map(i -> "/" + i.name()).orElse("") + "/PRF_" + prf.name()
                    + "/" + group.ianaName();
        }
    }

    /**
     * One negotiated Child SA suite.
     *
     * @param integrity empty with an AEAD cipher
     * @param group the CREATE_CHILD_SA key exchange, empty without one
     */
    record ChildSuite(ChildProposal.Protocol protocol, Optional<Encryption> encryption,
            Optional<IntegrityAlgorithm> integrity, boolean esn, Optional<DhGroup> group) {
        SaKeySizes keySizes() {
            if (encryption.isEmpty()) {
                return SaKeySizes.of(integrity.orElseThrow());
            }
            return switch (encryption.get()) {
                case Encryption.Cipher c -> SaKeySizes.of(c.algorithm(), integrity.orElseThrow());
                case Encryption.Aead a -> SaKeySizes.of(a.algorithm());
            };
        }

        @Override
        public String toString() {
            return encryption.map(Ikev2Algorithms::encryptionName).orElse("")
                    + integrity.map(i -> "/" + i.name()).orElse("") + group.map(g -> "/" + g.ianaName()).orElse("")
                    + (esn ? "/ESN" : "/NO_EXT_SEQ");
        }
    }

    static String encryptionName(Encryption e) {
        return switch (e) {
            case Encryption.Cipher c -> c.algorithm() == CipherAlgorithm.DES3_CBC ? "3DES_CBC" : c.algorithm().name();
            case Encryption.Aead a -> a.algorithm().name();
        };
    }

    /** ike4j's offer when the connection lists none: strongSwan's default set, in its order. */
    static List<IkeProposal> defaultIke() {
        return List.of(new IkeProposal(
                List.of(Encryption.of(CipherAlgorithm.AES_CBC_128), Encryption.of(CipherAlgorithm.AES_CBC_256)),
                List.of(IntegrityAlgorithm.HMAC_SHA2_256_128, IntegrityAlgorithm.HMAC_SHA2_384_192,
                        IntegrityAlgorithm.HMAC_SHA1_96),
                List.of(PrfAlgorithm.HMAC_SHA2_256, PrfAlgorithm.HMAC_SHA2_384, PrfAlgorithm.HMAC_SHA1),
                List.of(DhGroup.CURVE25519, DhGroup.ECP_256, DhGroup.MODP_2048)));
    }

    static List<ChildProposal> defaultChild() {
        return List.of(new ChildProposal(ChildProposal.Protocol.ESP,
                List.of(Encryption.of(AeadAlgorithm.AES_GCM_16_128), Encryption.of(AeadAlgorithm.AES_GCM_16_256)),
                List.of(), List.of(), List.of()),
                new ChildProposal(ChildProposal.Protocol.ESP,
                        List.of(Encryption.of(CipherAlgorithm.AES_CBC_128), Encryption.of(CipherAlgorithm.AES_CBC_256)),
                        List.of(IntegrityAlgorithm.HMAC_SHA2_256_128, IntegrityAlgorithm.HMAC_SHA1_96), List.of(),
                        List.of()));
    }

    /** The SA payload's proposals for an IKE SA (RFC 7296 3.3), with the SPI when rekeying. */
    static List<Proposal> ikeProposals(List<IkeProposal> offer, Bytes spi) {
        List<Proposal> out = new ArrayList<>();
        int n = 1;
        for (IkeProposal p : offer) {
            List<Transform> t = new ArrayList<>();
            p.encryption().forEach(e -> t.add(encr(e)));
            p.prf().forEach(f -> t.add(new Transform(TransformType.PRF, prfId(f))));
            if (p.encryption().stream().noneMatch(Encryption::isAead)) {
                p.integrity().forEach(i -> t.add(new Transform(TransformType.INTEG, integId(i))));
            }
            p.dhGroups().forEach(g -> t.add(new Transform(TransformType.KE, g.number())));
            out.add(new Proposal(n++, ProtocolId.IKE, spi, t));
        }
        return out;
    }

    /**
     * The SA payload's proposals for a Child SA. {@code withKe}: the KE transforms of the PFS groups
     * (CREATE_CHILD_SA); IKE_AUTH's first Child SA has none (RFC 7296 1.2).
     */
    static List<Proposal> childProposals(List<ChildProposal> offer, int spi, boolean withKe) {
        List<Proposal> out = new ArrayList<>();
        int n = 1;
        for (ChildProposal p : offer) {
            List<Transform> t = new ArrayList<>();
            p.encryption().forEach(e -> t.add(encr(e)));
            if (p.encryption().stream().noneMatch(Encryption::isAead)) {
                p.integrity().forEach(i -> t.add(new Transform(TransformType.INTEG, integId(i))));
            }
            if (withKe) {
                p.pfsGroups().forEach(g -> t.add(new Transform(TransformType.KE, g.number())));
            }
            p.esn().forEach(e -> t.add(new Transform(TransformType.ESN, e == ChildProposal.Esn.ESN ? 1 : 0)));
            ProtocolId proto = p.protocol() == ChildProposal.Protocol.AH ? ProtocolId.AH : ProtocolId.ESP;
            out.add(new Proposal(n++, proto, Bytes.wrap(spiBytes(spi)), t));
        }
        return out;
    }

    static byte[] spiBytes(int spi) {
        return new byte[] {(byte) (spi >>> 24), (byte) (spi >>> 16), (byte) (spi >>> 8), (byte) spi};
    }

    static byte[] spiBytes(long spi) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (spi >>> (56 - 8 * i));
        }
        return b;
    }

    static List<Transform> of(Proposal p, TransformType type) {
        return p.transforms().stream().filter(t -> t.type().code() == type.code()).toList();
    }

    /**
     * Chooses an IKE suite: our proposals first, in our order (as strongSwan prefers its configured
     * proposals), then the peer's; the first combination of one transform of each type both sides list.
     */
    static Optional<Chosen<IkeSuite>> selectIke(List<IkeProposal> ours, List<Proposal> theirs) {
        for (IkeProposal mine : ours) {
            for (Proposal p : theirs) {
                if (p.protocol().code() != ProtocolId.IKE.code()) {
                    continue;
                }
                Encryption enc = first(of(p, TransformType.ENCR), mine.encryption(), Ikev2Algorithms::encryption);
                PrfAlgorithm prf = first(of(p, TransformType.PRF), mine.prf(), t -> prf(t.id()));
                DhGroup g = first(of(p, TransformType.KE), mine.dhGroups(), t -> Optional.ofNullable(DhGroup.byNumber(t.id())));
                if (enc == null || prf == null || g == null) {
                    continue;
                }
                Optional<IntegrityAlgorithm> integ = Optional.empty();
                List<Transform> integs = of(p, TransformType.INTEG);
                if (enc.isAead()) {
                    if (integs.stream().anyMatch(t -> t.id() != 0)) {
                        continue;
                    }
                } else {
                    IntegrityAlgorithm i = first(integs, mine.integrity(), t -> integrity(t.id()));
                    if (i == null) {
                        continue;
                    }
                    integ = Optional.of(i);
                }
                return Optional.of(new Chosen<>(p.number(), p.spi(), new IkeSuite(enc, integ, prf, g)));
            }
        }
        return Optional.empty();
    }

    /**
     * Chooses a Child SA suite as {@link #selectIke}. {@code keGroup}: with a CREATE_CHILD_SA key
     * exchange, the group that must be chosen; empty for none (IKE_AUTH), in which case KE
     * transforms in either side's proposals are ignored.
     */
    static Optional<Chosen<ChildSuite>> selectChild(List<ChildProposal> ours, List<Proposal> theirs, boolean withKe) {
        for (ChildProposal mine : ours) {
            ProtocolId proto = mine.protocol() == ChildProposal.Protocol.AH ? ProtocolId.AH : ProtocolId.ESP;
            for (Proposal p : theirs) {
                if (p.protocol().code() != proto.code() || p.spi().length() != 4) {
                    continue;
                }
                Optional<Encryption> enc = Optional.empty();
                if (proto.code() == ProtocolId.ESP.code()) {
                    Encryption e = first(of(p, TransformType.ENCR), mine.encryption(), Ikev2Algorithms::encryption);
                    if (e == null) {
                        continue;
                    }
                    enc = Optional.of(e);
                }
                Optional<IntegrityAlgorithm> integ = Optional.empty();
                List<Transform> integs = of(p, TransformType.INTEG);
                if (enc.isPresent() && enc.get().isAead()) {
                    if (integs.stream().anyMatch(t -> t.id() != 0)) {
                        continue;
                    }
                } else {
                    IntegrityAlgorithm i = first(integs, mine.integrity(), t -> integrity(t.id()));
                    if (i == null) {
                        continue;
                    }
                    integ = Optional.of(i);
                }
                List<Transform> esns = of(p, TransformType.ESN);
                ChildProposal.Esn esn = esns.isEmpty() ? (mine.esn().contains(ChildProposal.Esn.NO_ESN) ? ChildProposal.Esn.NO_ESN : null)
                        : first(esns, mine.esn(), t -> Optional.ofNullable(t.id() == 0 ? ChildProposal.Esn.NO_ESN
                                : t.id() == 1 ? ChildProposal.Esn.ESN : null));
                if (esn == null) {
                    continue;
                }
                Optional<DhGroup> group = Optional.empty();
                List<Transform> kes = of(p, TransformType.KE).stream().filter(t -> t.id() != 0).toList();
                if (withKe) {
                    if (mine.pfsGroups().isEmpty() != kes.isEmpty()) {
                        continue;
                    }
                    if (!kes.isEmpty()) {
                        DhGroup g = first(kes, mine.pfsGroups(), t -> Optional.ofNullable(DhGroup.byNumber(t.id())));
                        if (g == null) {
                            continue;
                        }
                        group = Optional.of(g);
                    }
                }
                return Optional.of(new Chosen<>(p.number(), p.spi(), new ChildSuite(mine.protocol(), enc, integ,
                        esn == ChildProposal.Esn.ESN, group)));
            }
        }
        return Optional.empty();
    }

    /** The first of our algorithms, in our order, that the peer's transforms of one type list. */
    private static <A> A first(List<Transform> theirs, List<A> ours, java.util.function.Function<Transform, Optional<A>> map) {
        for (A a : ours) {
            for (Transform t : theirs) {
                if (map.apply(t).map(a::equals).orElse(false)) {
                    return a;
                }
            }
        }
        return null;
    }

    /** A chosen suite with the peer's proposal number and SPI. */
    record Chosen<S>(int number, Bytes spi, S suite) {
    }

    /** The SA payload's one proposal answering a chosen IKE suite (RFC 7296 3.3: one of each type). */
    static Proposal answer(int number, Bytes spi, IkeSuite s) {
        List<Transform> t = new ArrayList<>();
        t.add(encr(s.encryption()));
        t.add(new Transform(TransformType.PRF, prfId(s.prf())));
        s.integrity().ifPresent(i -> t.add(new Transform(TransformType.INTEG, integId(i))));
        t.add(new Transform(TransformType.KE, s.group().number()));
        return new Proposal(number, ProtocolId.IKE, spi, t);
    }

    static Proposal answer(int number, int spi, ChildSuite s) {
        List<Transform> t = new ArrayList<>();
        s.encryption().ifPresent(e -> t.add(encr(e)));
        s.integrity().ifPresent(i -> t.add(new Transform(TransformType.INTEG, integId(i))));
        s.group().ifPresent(g -> t.add(new Transform(TransformType.KE, g.number())));
        t.add(new Transform(TransformType.ESN, s.esn() ? 1 : 0));
        ProtocolId proto = s.protocol() == ChildProposal.Protocol.AH ? ProtocolId.AH : ProtocolId.ESP;
        return new Proposal(number, proto, Bytes.wrap(spiBytes(spi)), t);
    }
}
