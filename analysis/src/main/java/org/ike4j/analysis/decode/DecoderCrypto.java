package org.ike4j.analysis.decode;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import org.ike4j.crypto.Aead;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.AuthenticationException;
import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.CryptoBackend;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.Integrity;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Prf;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.bc.BcBackend;
import org.ike4j.crypto.jca.JcaBackend;

/**
 * The decoder's crypto: the JDK's own providers ({@link JcaBackend}), which have every cipher,
 * integrity algorithm and PRF the decoder uses and every AEAD but AES-GCM with an 8-byte ICV; that
 * one comes from the process's default backends ({@link Crypto#defaults()}: BouncyCastle and
 * ACCP), which are loaded only when a message needs it. Loading those two (their classes, and ACCP's
 * native library with its self-tests) cost about 0.4 s of CPU when it was measured, a third of what a
 * short-lived {@code ike4j decode} spent before its first message (bench/decoder; then still from
 * signed jars, which the launcher's class path no longer has, so less today); for the
 * algorithms the JDK has, the defaults would pick the JDK's anyway ({@code Crypto}'s measured
 * preference order puts {@code jca} first for ciphers, integrity, PRFs and AEADs).
 *
 * <p>One exception: 3DES-CBC comes from BouncyCastle's lightweight {@code DESedeEngine} (no
 * provider registered, loaded at the first 3DES message). The launcher runs the decoder on C1
 * alone, which has no intrinsics for the JDK's ciphers, and there the JDK's {@code DESCrypt},
 * which permutes bit by bit through tables, took twice the CPU of BouncyCastle's engine
 * ({@code ShortLivedCipherBench}; in bench/decoder 3DES was a quarter of the decoding threads'
 * time). For AES-CBC and HMAC-SHA-256 the JDK's stay: under C1 BouncyCastle's were no faster.
 */
public final class DecoderCrypto {

    private DecoderCrypto() {
    }

    private static final class Holder {
        static final Crypto INSTANCE = new Crypto(List.of(new Des3FromBc(), new JcaBackend(), new Deferred()));
    }

    /** The decoder's crypto, made on first use (a thread may call this early to have it ready). */
    public static Crypto get() {
        return Holder.INSTANCE;
    }

    /** Only 3DES-CBC, from BouncyCastle's lightweight engine, made at its first use. */
    private static final class Des3FromBc implements CryptoBackend {
        private static final class Engine {
            static final Cipher DES3 = new BcBackend().cipher(CipherAlgorithm.DES3_CBC).orElseThrow();
        }

        @Override
        public String name() {
            return "bc (3DES only)";
        }

        @Override
        public Optional<Prf> prf(PrfAlgorithm algorithm) {
            return Optional.empty();
        }

        @Override
        public Optional<Integrity> integrity(IntegrityAlgorithm algorithm) {
            return Optional.empty();
        }

        @Override
        public Optional<Cipher> cipher(CipherAlgorithm algorithm) {
            if (algorithm != CipherAlgorithm.DES3_CBC) {
                return Optional.empty();
            }
            return Optional.of(new Cipher() {
                @Override
                public CipherAlgorithm algorithm() {
                    return algorithm;
                }

                @Override
                public byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext) {
                    return Engine.DES3.encrypt(key, iv, plaintext);
                }

                @Override
                public byte[] decrypt(byte[] key, byte[] iv, byte[] ciphertext) {
                    return Engine.DES3.decrypt(key, iv, ciphertext);
                }
            });
        }

        @Override
        public Optional<Aead> aead(AeadAlgorithm algorithm) {
            return Optional.empty();
        }

        @Override
        public Optional<KeyExchange> keyExchange(DhGroup group, SecureRandom random) {
            return Optional.empty();
        }
    }

    /** Stands for the default backends, loaded at the first use of an AEAD the JDK lacks. */
    private static final class Deferred implements CryptoBackend {
        @Override
        public String name() {
            return "defaults, loaded when needed";
        }

        @Override
        public Optional<Prf> prf(PrfAlgorithm algorithm) {
            return Optional.empty();
        }

        @Override
        public Optional<Integrity> integrity(IntegrityAlgorithm algorithm) {
            return Optional.empty();
        }

        @Override
        public Optional<Cipher> cipher(CipherAlgorithm algorithm) {
            return Optional.empty();
        }

        @Override
        public Optional<Aead> aead(AeadAlgorithm algorithm) {
            return Optional.of(new Aead() {
                @Override
                public AeadAlgorithm algorithm() {
                    return algorithm;
                }

                @Override
                public byte[] seal(byte[] key, byte[] iv, byte[] aad, byte[] plaintext) {
                    return Crypto.defaults().aead(algorithm).seal(key, iv, aad, plaintext);
                }

                @Override
                public byte[] open(byte[] key, byte[] iv, byte[] aad, byte[] ciphertextAndIcv)
                        throws AuthenticationException {
                    return Crypto.defaults().aead(algorithm).open(key, iv, aad, ciphertextAndIcv);
                }
            });
        }

        @Override
        public Optional<KeyExchange> keyExchange(DhGroup group, SecureRandom random) {
            return Optional.empty();
        }
    }
}
