package org.ike4j.crypto.primitives;

import java.util.HexFormat;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.PrfAlgorithm;

/** One known-answer vector from a file under src/test/resources/vectors, named by file and entry. */
sealed interface Vector {
    String file();

    String name();

    /** The algorithm, for reports and skips. */
    Object algorithm();

    /**
     * prf(key, data) = out. With {@code prefixOnly}, out is the leading part of the output (strongSwan's
     * AUTH_HMAC_MD5_128 and AUTH_HMAC_SHA1_128 signers are HMAC-MD5 and HMAC-SHA1 cut to 16 bytes).
     */
    record PrfVector(String file, String name, PrfAlgorithm algorithm, byte[] key, byte[] data, byte[] out,
            boolean prefixOnly) implements Vector {
        @Override
        public String toString() {
            return file + ":" + name;
        }
    }

    /** icv(key, data) = the first icvSize bytes of {@code mac}. */
    record IntegrityVector(String file, String name, IntegrityAlgorithm algorithm, byte[] key, byte[] data,
            byte[] mac) implements Vector {
        @Override
        public String toString() {
            return file + ":" + name;
        }
    }

    record CipherVector(String file, String name, CipherAlgorithm algorithm, byte[] key, byte[] iv, byte[] plain,
            byte[] cipher) implements Vector {
        @Override
        public String toString() {
            return file + ":" + name;
        }
    }

    /** key = cipher key | salt; cipher = ciphertext | ICV. */
    record AeadVector(String file, String name, AeadAlgorithm algorithm, byte[] key, byte[] iv, byte[] aad,
            byte[] plain, byte[] cipher) implements Vector {
        @Override
        public String toString() {
            return file + ":" + name;
        }
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }
}
