package org.ike4j.crypto.mac;

import java.security.MessageDigest;
import java.util.Arrays;
import org.ike4j.crypto.AuthenticationException;

/**
 * Counter with CBC-MAC (RFC 3610) over the AES block function, as ESP (RFC 4309) and IKEv2
 * (RFC 5282) use it: an 11-byte nonce (3-byte salt | 8-byte IV), so a 4-byte length field
 * (L = 15 - nonce length), and an 8-, 12- or 16-byte ICV (M).
 *
 * <p>Written here because the JDK has no CCM; BouncyCastle's own CCM serves that backend, and the
 * two are checked against the same vectors.
 */
public final class AesCcm {
    private static final int B = AesBlock.BLOCK_SIZE;

    private AesCcm() {
    }

    /** Encrypts and authenticates; returns ciphertext | ICV (RFC 3610 section 2.2-2.3). */
    public static byte[] seal(AesBlock aes, byte[] key, byte[] nonce, int icvSize, byte[] aad, byte[] plaintext) {
        checkParameters(nonce, icvSize);
        aes.init(key);
        byte[] tag = cbcMac(aes, nonce, icvSize, aad, plaintext, 0, plaintext.length);
        byte[] out = Arrays.copyOf(plaintext, plaintext.length + icvSize);
        byte[] s0 = ctr(aes, nonce, out, 0, plaintext.length);
        for (int i = 0; i < icvSize; i++) {
            out[plaintext.length + i] = (byte) (tag[i] ^ s0[i]);
        }
        return out;
    }

    /** Decrypts and verifies ciphertext | ICV (RFC 3610 section 2.5); releases nothing on failure. */
    public static byte[] open(AesBlock aes, byte[] key, byte[] nonce, int icvSize, byte[] aad, byte[] ciphertextAndIcv)
            throws AuthenticationException {
        checkParameters(nonce, icvSize);
        if (ciphertextAndIcv.length < icvSize) {
            throw new AuthenticationException("AES-CCM input shorter than its ICV");
        }
        int length = ciphertextAndIcv.length - icvSize;
        aes.init(key);
        byte[] plaintext = Arrays.copyOf(ciphertextAndIcv, length);
        byte[] s0 = ctr(aes, nonce, plaintext, 0, length);
        byte[] tag = cbcMac(aes, nonce, icvSize, aad, plaintext, 0, length);
        byte[] expected = new byte[icvSize];
        for (int i = 0; i < icvSize; i++) {
            expected[i] = (byte) (tag[i] ^ s0[i]);
        }
        byte[] received = Arrays.copyOfRange(ciphertextAndIcv, length, ciphertextAndIcv.length);
        if (!MessageDigest.isEqual(expected, received)) {
            Arrays.fill(plaintext, (byte) 0);
            throw new AuthenticationException("AES-CCM ICV mismatch");
        }
        return plaintext;
    }

    private static void checkParameters(byte[] nonce, int icvSize) {
        if (nonce.length < 7 || nonce.length > 13) {
            throw new IllegalArgumentException("CCM nonce must be 7 to 13 bytes, got " + nonce.length);
        }
        if (icvSize < 4 || icvSize > 16 || icvSize % 2 != 0) {
            throw new IllegalArgumentException("CCM ICV must be 4, 6, ..., 16 bytes, got " + icvSize);
        }
    }

    /**
     * The CBC-MAC T over B_0 | encoded l(a) | a | padding | m | padding (RFC 3610 section 2.2).
     */
    private static byte[] cbcMac(AesBlock aes, byte[] nonce, int icvSize, byte[] aad, byte[] m, int off, int len) {
        int lengthFieldSize = 15 - nonce.length;
        byte[] x = new byte[B];
        // B_0 = Flags | Nonce N | l(m); Flags = 64*Adata + 8*M' + L' with M' = (M-2)/2, L' = L-1.
        x[0] = (byte) ((aad.length > 0 ? 0x40 : 0) | (((icvSize - 2) / 2) << 3) | (lengthFieldSize - 1));
        System.arraycopy(nonce, 0, x, 1, nonce.length);
        putLength(x, 1 + nonce.length, lengthFieldSize, len);
        aes.encrypt(x, 0, x, 0);
        Absorber absorber = new Absorber(aes, x);
        if (aad.length > 0) {
            // l(a): two bytes below 2^16 - 2^8, else 0xff 0xfe and four bytes (Java arrays stop below 2^31).
            if (aad.length < 0xff00) {
                absorber.absorb(new byte[] {(byte) (aad.length >>> 8), (byte) aad.length}, 0, 2);
            } else {
                byte[] h = {(byte) 0xff, (byte) 0xfe, 0, 0, 0, 0};
                putLength(h, 2, 4, aad.length);
                absorber.absorb(h, 0, h.length);
            }
            absorber.absorb(aad, 0, aad.length);
            absorber.padToBlock();
        }
        // After the padded AAD the chain is block-aligned: whole message blocks go in one call.
        int whole = len / B;
        aes.chain(x, m, off, whole);
        absorber.absorb(m, off + whole * B, len - whole * B);
        absorber.padToBlock();
        return x;
    }

    /**
     * XORs the key stream S_1, S_2, ... into {@code data} in place and returns S_0, which masks the
     * tag (RFC 3610 section 2.3). A_i = Flags | Nonce N | Counter i, Flags = L - 1.
     */
    private static byte[] ctr(AesBlock aes, byte[] nonce, byte[] data, int off, int len) {
        int lengthFieldSize = 15 - nonce.length;
        byte[] a = new byte[B];
        a[0] = (byte) (lengthFieldSize - 1);
        System.arraycopy(nonce, 0, a, 1, nonce.length);
        byte[] s0 = new byte[B];
        aes.encrypt(a, 0, s0, 0);
        a[B - 1] = 1;
        aes.ctr(a, data, off, len);
        return s0;
    }

    /** Big-endian {@code value} in {@code size} bytes at {@code out[at]}. */
    private static void putLength(byte[] out, int at, int size, long value) {
        for (int i = size - 1; i >= 0; i--) {
            out[at + i] = (byte) value;
            value >>>= 8;
        }
    }

    /** Feeds bytes into the CBC-MAC state a block at a time. */
    private static final class Absorber {
        private final AesBlock aes;
        private final byte[] x;
        private int filled;

        Absorber(AesBlock aes, byte[] x) {
            this.aes = aes;
            this.x = x;
        }

        void absorb(byte[] in, int off, int len) {
            for (int i = 0; i < len; i++) {
                x[filled++] ^= in[off + i];
                if (filled == B) {
                    aes.encrypt(x, 0, x, 0);
                    filled = 0;
                }
            }
        }

        /** Zero padding to the block boundary: XOR with zeros changes nothing, so just encrypt. */
        void padToBlock() {
            if (filled > 0) {
                aes.encrypt(x, 0, x, 0);
                filled = 0;
            }
        }
    }
}
