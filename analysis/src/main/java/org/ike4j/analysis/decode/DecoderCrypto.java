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
 * <p>Two exceptions, 3DES-CBC and the HMAC integrity algorithms, come from BouncyCastle's
 * lightweight classes (no provider registered; loaded at their first use). The launcher runs the
 * decoder on C1 alone, which has none of C2's intrinsics for the JDK's ciphers and digests, and
 * there, per message with a key that comes back (ShortLivedCipherBench, thread CPU time, one or two
 * keys in turn, as the messages of an SA and its two directions come), BouncyCastle's 3DES used
 * about a quarter less CPU than the JDK's, and its HMAC-SHA-256 a third less for 64 bytes and
 * a tenth less for 400 (it keeps the hashed inner and outer pads; the JDK's hashes the inner pad
 * again for every message). With more keys in turn than either backend keeps (8), both re-key at
 * every message and the JDK's were ahead (3DES of 64 bytes: 4.6 against 8.8 us); a capture whose
 * SAs interleave that much is the exception. AES-CBC stays the JDK's: BouncyCastle's was slower.
 */
public final class DecoderCrypto {

    private DecoderCrypto() {
    }

    private static final class Holder {
        static final Crypto INSTANCE = new Crypto(List.of(new FromBc(), new JcaBackend(), new Deferred()));
    }

    /** The decoder's crypto, made on first use (a thread may call this early to have it ready). */
    public static Crypto get() {
        return Holder.INSTANCE;
    }

    private static final java.util.concurrent.atomic.AtomicBoolean STARTED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Makes the decoder's crypto on a thread of its own, once however often it is asked for: a
     * command starts it as early as it can tell it will decode, while it does other work.
     */
    public static void startInBackground() {
        if (STARTED.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("decode-crypto").start(DecoderCrypto::get);
        }
    }

    /** 3DES-CBC and the HMACs from BouncyCastle's lightweight classes, made at their first use. */
    private static final class FromBc implements CryptoBackend {
        private static final class Bc {
            static final BcBackend BACKEND = new BcBackend();
        }

        @Override
        public String name() {
            return "bc (3DES and HMAC)";
        }

        @Override
        public Optional<Prf> prf(PrfAlgorithm algorithm) {
            return Optional.empty();
        }

        @Override
        public Optional<Integrity> integrity(IntegrityAlgorithm algorithm) {
            if (!algorithm.name().startsWith("HMAC_")) {
                return Optional.empty();
            }
            return Optional.of(new Integrity() {
                // found at the first message (a benign race: every thread finds the same one)
                private Integrity bc;

                @Override
                public IntegrityAlgorithm algorithm() {
                    return algorithm;
                }

                @Override
                public byte[] icv(byte[] key, byte[]... data) {
                    Integrity i = bc;
                    if (i == null) {
                        bc = i = Bc.BACKEND.integrity(algorithm).orElseThrow();
                    }
                    return i.icv(key, data);
                }
            });
        }

        @Override
        public Optional<Cipher> cipher(CipherAlgorithm algorithm) {
            if (algorithm != CipherAlgorithm.DES3_CBC) {
                return Optional.empty();
            }
            return Optional.of(new Cipher() {
                private Cipher bc;

                @Override
                public CipherAlgorithm algorithm() {
                    return algorithm;
                }

                @Override
                public byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext) {
                    return bc().encrypt(key, iv, plaintext);
                }

                @Override
                public byte[] decrypt(byte[] key, byte[] iv, byte[] ciphertext) {
                    return bc().decrypt(key, iv, ciphertext);
                }

                private Cipher bc() {
                    Cipher c = bc;
                    if (c == null) {
                        bc = c = Bc.BACKEND.cipher(algorithm).orElseThrow();
                    }
                    return c;
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
