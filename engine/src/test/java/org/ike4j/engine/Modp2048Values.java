package org.ike4j.engine;

import java.math.BigInteger;

/**
 * Values of the 2048-bit MODP group (group 14) that the engines' public value checks must refuse,
 * for the IKEv1 and IKEv2 tests alike. The prime is written here from RFC 3526 section 3, not taken
 * from the crypto module, so that the tests check the engines against the RFC itself.
 */
public final class Modp2048Values {
    private Modp2048Values() {
    }

    /** RFC 3526 section 3, the 2048-bit MODP group's prime. */
    public static final BigInteger P = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
            + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
            + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
            + "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
            + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
            + "15728E5A8AACAA68FFFFFFFFFFFFFFFF", 16);

    /** {@code v} as a KE payload carries it: 256 octets, big-endian, left-padded with zeros. */
    public static byte[] encode(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[256];
        int n = Math.min(raw.length, 256);
        System.arraycopy(raw, raw.length - n, out, 256 - n, n);
        return out;
    }
}
