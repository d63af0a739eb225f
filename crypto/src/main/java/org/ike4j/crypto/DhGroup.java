package org.ike4j.crypto;

/**
 * Diffie-Hellman groups by their IANA "Transform Type 4" number, which IKEv1 (RFC 2409, group
 * description attribute) and IKEv2 share. Sizes are those of the public value and the shared
 * secret as they travel in a KE payload and enter the key derivation.
 */
public enum DhGroup {
    MODP_768(1, "MODP_768", Kind.MODP, 96, 96, 80),
    MODP_1024(2, "MODP_1024", Kind.MODP, 128, 128, 80),
    MODP_1536(5, "MODP_1536", Kind.MODP, 192, 192, 96),
    MODP_2048(14, "MODP_2048", Kind.MODP, 256, 256, 112),
    MODP_3072(15, "MODP_3072", Kind.MODP, 384, 384, 128),
    MODP_4096(16, "MODP_4096", Kind.MODP, 512, 512, 152),
    MODP_6144(17, "MODP_6144", Kind.MODP, 768, 768, 176),
    MODP_8192(18, "MODP_8192", Kind.MODP, 1024, 1024, 200),
    ECP_256(19, "ECP_256", Kind.ECP, 64, 32, 128),
    ECP_384(20, "ECP_384", Kind.ECP, 96, 48, 192),
    ECP_521(21, "ECP_521", Kind.ECP, 132, 66, 256),
    MODP_1024_160(22, "MODP_1024_160", Kind.MODP, 128, 128, 80),
    MODP_2048_224(23, "MODP_2048_224", Kind.MODP, 256, 256, 112),
    MODP_2048_256(24, "MODP_2048_256", Kind.MODP, 256, 256, 112),
    CURVE25519(31, "CURVE25519", Kind.MONTGOMERY, 32, 32, 128),
    CURVE448(32, "CURVE448", Kind.MONTGOMERY, 56, 56, 224);

    /** How the group computes. */
    public enum Kind { MODP, ECP, MONTGOMERY }

    private final int number;
    private final String ianaName;
    private final Kind kind;
    private final int publicSize;
    private final int sharedSize;
    private final int strengthBits;

    DhGroup(int number, String ianaName, Kind kind, int publicSize, int sharedSize, int strengthBits) {
        this.number = number;
        this.ianaName = ianaName;
        this.kind = kind;
        this.publicSize = publicSize;
        this.sharedSize = sharedSize;
        this.strengthBits = strengthBits;
    }

    /** The IANA number (IKEv1 group description, IKEv2 transform ID). */
    public int number() {
        return number;
    }

    public String ianaName() {
        return ianaName;
    }

    public Kind kind() {
        return kind;
    }

    /** Bytes of the public value in a KE payload. */
    public int publicSize() {
        return publicSize;
    }

    /** Bytes of the shared secret g^ir. */
    public int sharedSize() {
        return sharedSize;
    }

    /** Security strength in bits (NIST SP 800-57), which sizes MODP private exponents at twice this. */
    public int strengthBits() {
        return strengthBits;
    }

    /** The group with this IANA number, or null. */
    public static DhGroup byNumber(int number) {
        for (DhGroup g : values()) {
            if (g.number == number) {
                return g;
            }
        }
        return null;
    }
}
