package org.ike4j.analysis.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.Secret;
import org.ike4j.crypto.kdf.Ikev1HashAlgorithm;
import org.ike4j.crypto.kdf.Ikev1IvChain;
import org.ike4j.crypto.kdf.Ikev1Keys;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.v1.EncryptedMessage;
import org.ike4j.wire.v1.IsakmpCodec;
import org.ike4j.wire.v1.KeyExchangePayload;
import org.ike4j.wire.v1.Payload;
import org.ike4j.wire.v1.PayloadChain;
import org.ike4j.wire.v1.PlainMessage;
import org.ike4j.wire.v1.SecurityAssociationPayload;
import org.ike4j.wire.v1.UnknownPayload;

/**
 * Decryption of one ISAKMP SA's messages as a third party sees them (RFC 2409 section 5.3 and
 * Appendix B). IKEv1 sends no IV; it is rebuilt from the capture:
 *
 * <ul>
 * <li>Phase 1: hash(g^xi | g^xr) over the two KE payloads' public values, with the negotiated
 *     hash (from the responder's SA payload), then the last ciphertext block of each message.</li>
 * <li>Quick Mode and Informational: hash(last Phase 1 ciphertext block | M-ID) for the first
 *     message of each message ID, then the last block of the previous message of that ID.</li>
 * </ul>
 *
 * <p>A capture is not the sender's view: retransmissions repeat a message under its old IV, and
 * a reply may be captured before the message it follows. So each exchange keeps every IV it may
 * be at (its first one and the last block of each message seen) and a message is tried under
 * each, newest first; the first that gives a valid payload chain wins and moves the chain on. A
 * chain that never decodes means a wrong key (or a gap in the capture), and the report says so.
 */
final class Ikev1Decryption {

    /** The outcome for one encrypted message. */
    sealed interface Result {
    }

    record Decrypted(PayloadChain chain, byte[] plaintext, byte[] iv, String note) implements Result {
    }

    record Failed(String reason) implements Result {
    }

    private final Crypto crypto;
    private final Optional<KeySources.Ikev1Key> key;
    private byte[] gxi;
    private byte[] gxr;
    private Algorithms.Phase1Choice responderChoice;
    private Algorithms.Phase1Choice initiatorChoice;
    private Cipher cipher;
    private byte[] encryptionKey;
    private String keyProblem;
    private boolean keyResolved;
    private final List<byte[]> phase1Ivs = new ArrayList<>();
    private final Map<Integer, List<byte[]>> phase2Ivs = new HashMap<>();
    private byte[] lastPhase1Block;

    Ikev1Decryption(Crypto crypto, Optional<KeySources.Ikev1Key> key) {
        this.crypto = crypto;
        this.key = key;
    }

    /** Takes what a plain Phase 1 message tells: the chosen transform and the KE public values. */
    void observe(PlainMessage m, boolean fromInitiator) {
        if (m.header().messageId() != 0) {
            return;
        }
        for (Payload p : m.payloads()) {
            switch (p) {
                case SecurityAssociationPayload sa -> {
                    if (fromInitiator) {
                        // one offered transform is as good as a chosen one (the responder's SA may be missing)
                        boolean single = sa.proposals().size() == 1
                                && sa.proposals().getFirst().transforms().size() == 1;
                        initiatorChoice = single ? Algorithms.fromPhase1Sa(sa) : initiatorChoice;
                    } else {
                        responderChoice = Algorithms.fromPhase1Sa(sa);
                    }
                }
                case KeyExchangePayload ke -> {
                    if (fromInitiator) {
                        gxi = ke.keyExchangeData().toByteArray();
                    } else {
                        gxr = ke.keyExchangeData().toByteArray();
                    }
                }
                default -> {
                }
            }
        }
    }

    /** Decrypts one message, or says why it cannot. */
    Result decrypt(EncryptedMessage m) {
        if (key.isEmpty()) {
            return new Failed("no key for initiator cookie " + m.header().initiatorCookie().hex());
        }
        Algorithms.Phase1Choice choice = responderChoice != null ? responderChoice : initiatorChoice;
        boolean phase1InCapture = choice != null && gxi != null && gxr != null;
        if (!phase1InCapture && m.header().messageId() != 0 && key.get().lastPhase1Iv().isPresent()) {
            return fromLoggedIv(m, choice);
        }
        if (choice == null) {
            return new Failed("Phase 1 exchange not in the capture (cipher and hash unknown, IV unknown)");
        }
        if (choice.cipher().isEmpty() || choice.hash().isEmpty()) {
            return new Failed("Phase 1 proposal " + choice.description() + " uses an algorithm ike4j does not decrypt");
        }
        if (!keyResolved) {
            resolveKey(choice);
        }
        if (keyProblem != null) {
            return new Failed(keyProblem);
        }
        if (gxi == null || gxr == null) {
            return new Failed("Phase 1 exchange not in the capture (IV unknown: the KE payloads of "
                    + (gxi == null && gxr == null ? "both peers" : gxi == null ? "the initiator" : "the responder")
                    + " are missing)");
        }
        int block = cipher.algorithm().blockSize();
        byte[] ct = m.body().toByteArray();
        if (ct.length == 0 || ct.length % block != 0) {
            return new Failed("encrypted body of " + ct.length + " bytes is not a whole number of " + block
                    + "-byte blocks (cut short or corrupt)");
        }
        Ikev1HashAlgorithm hash = choice.hash().get();
        if (phase1Ivs.isEmpty()) {
            phase1Ivs.add(Ikev1IvChain.phase1(hash, gxi, gxr, block).iv());
        }
        int messageId = m.header().messageId();
        List<byte[]> candidates;
        if (messageId == 0) {
            candidates = phase1Ivs;
        } else {
            candidates = phase2Ivs.computeIfAbsent(messageId, id -> new ArrayList<>());
            if (candidates.isEmpty()) {
                byte[] base = lastPhase1Block != null ? lastPhase1Block : phase1Ivs.getLast();
                candidates.add(Ikev1IvChain.phase2(hash, base, mid(messageId), block).iv());
            }
        }
        return tryIvs(m, ct, candidates, messageId, block);
    }

    /**
     * Tries a message under each IV its exchange may be at, newest first; the first that gives a
     * valid payload chain wins and moves the exchange on.
     */
    private Result tryIvs(EncryptedMessage m, byte[] ct, List<byte[]> candidates, int messageId, int block) {
        String firstError = null;
        for (int i = candidates.size() - 1; i >= 0; i--) {
            byte[] iv = candidates.get(i);
            byte[] plain = cipher.decrypt(encryptionKey, iv, ct);
            try {
                PayloadChain chain = IsakmpCodec.decodePayloads(m.firstPayload(), plain);
                String invalid = invalid(chain);
                if (invalid != null) {
                    firstError = firstError == null ? invalid : firstError;
                    continue;
                }
                boolean current = i == candidates.size() - 1;
                byte[] next = Arrays.copyOfRange(ct, ct.length - block, ct.length);
                boolean retransmission = containsIv(candidates, next);
                if (!retransmission) {
                    candidates.add(next);
                    if (messageId == 0) {
                        lastPhase1Block = next;
                    }
                }
                String note = current ? ""
                        : retransmission ? "retransmission (decrypted under the IV it was first sent with)"
                        : "captured out of order (decrypted under an earlier IV of its exchange)";
                return new Decrypted(chain, plain, iv, note);
            } catch (DecodeException e) {
                firstError = firstError == null ? e.getMessage() : firstError;
            }
        }
        if (candidates.size() > 1) {
            return new Failed("decrypts to garbage under every IV of its exchange (payload chain invalid: "
                    + firstError + "): the message before it is missing or damaged in the capture, or a wrong key");
        }
        return new Failed("wrong key: decrypts to garbage (payload chain invalid: " + firstError + ")"
                + (messageId != 0 && lastPhase1Block == null ? "; or the end of Phase 1 is not in the capture" : ""));
    }

    /**
     * Quick Mode or Informational with Phase 1 missing from the capture, but its last IV printed in
     * the log (pluto's "last Phase 1 IV"): the first IV of the exchange is hash(that IV | M-ID)
     * (RFC 2409 Appendix B). The hash is the negotiated one when the capture shows it; otherwise
     * each IKEv1 hash is tried, and the one giving a valid payload chain is kept. The cipher, when
     * not in the capture, follows from the IV's length (the block size) and the key's length.
     */
    private Result fromLoggedIv(EncryptedMessage m, Algorithms.Phase1Choice choice) {
        KeySources.Ikev1Key k = key.get();
        byte[] last = k.lastPhase1Iv().get().toByteArray();
        int block = last.length;
        if (cipher == null) {
            Optional<CipherAlgorithm> algorithm = choice != null && choice.cipher().isPresent() ? choice.cipher()
                    : guessCipher(block, k.encryptionKey().map(Secret::length).orElse(0));
            if (algorithm.isEmpty() || k.encryptionKey().isEmpty()) {
                return new Failed("Phase 1 exchange not in the capture, and the cipher cannot be told from the"
                        + " logged key and IV");
            }
            if (k.encryptionKey().get().length() != algorithm.get().keySize()) {
                return new Failed("the key from " + k.origin() + " does not fit " + algorithm.get());
            }
            cipher = crypto.cipher(algorithm.get());
            encryptionKey = k.encryptionKey().get().reveal();
        }
        byte[] ct = m.body().toByteArray();
        if (ct.length == 0 || ct.length % block != 0) {
            return new Failed("encrypted body of " + ct.length + " bytes is not a whole number of " + block
                    + "-byte blocks (cut short or corrupt)");
        }
        int messageId = m.header().messageId();
        List<byte[]> candidates = phase2Ivs.computeIfAbsent(messageId, id -> new ArrayList<>());
        if (!candidates.isEmpty()) {
            return tryIvs(m, ct, candidates, messageId, block);
        }
        List<Ikev1HashAlgorithm> hashes = choice != null && choice.hash().isPresent() ? List.of(choice.hash().get())
                : List.of(Ikev1HashAlgorithm.values());
        for (Ikev1HashAlgorithm hash : hashes) {
            if (hash.outputSize() < block) {
                continue;
            }
            List<byte[]> trial = new ArrayList<>();
            trial.add(Ikev1IvChain.phase2(hash, last, mid(messageId), block).iv());
            if (tryIvs(m, ct, trial, messageId, block) instanceof Decrypted d) {
                candidates.addAll(trial);
                return new Decrypted(d.chain(), d.plaintext(), d.iv(), "Phase 1 not in the capture: IV from the"
                        + " last Phase 1 IV in " + k.origin() + " and the message ID, with " + hash);
            }
        }
        return new Failed("Phase 1 exchange not in the capture, and the last Phase 1 IV in " + k.origin()
                + " gives no valid payload chain (wrong key, or the IV belongs to another exchange)");
    }

    private static Optional<CipherAlgorithm> guessCipher(int block, int keyLength) {
        if (block == 8 && keyLength == 24) {
            return Optional.of(CipherAlgorithm.DES3_CBC);
        }
        if (block == 16) {
            return switch (keyLength) {
                case 16 -> Optional.of(CipherAlgorithm.AES_CBC_128);
                case 24 -> Optional.of(CipherAlgorithm.AES_CBC_192);
                case 32 -> Optional.of(CipherAlgorithm.AES_CBC_256);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    /** What a correct decryption never gives: RESERVED bytes that are not zero (RFC 2408 section 3.2). */
    private static String invalid(PayloadChain chain) {
        for (Payload p : chain.payloads()) {
            if (p.reserved() != 0) {
                return p.title() + " with RESERVED " + p.reserved();
            }
            if (p instanceof UnknownPayload u && u.type().code() > 21 && u.type().code() < 128) {
                return "unassigned payload type " + u.type().code();
            }
        }
        return null;
    }

    private void resolveKey(Algorithms.Phase1Choice choice) {
        keyResolved = true;
        CipherAlgorithm algorithm = choice.cipher().get();
        KeySources.Ikev1Key k = key.get();
        Secret secret;
        if (k.encryptionKey().isPresent()) {
            secret = k.encryptionKey().get();
        } else if (choice.prf().isPresent()) {
            // RFC 2409 Appendix B: the cipher key from SKEYID_e, expanded when it is too short
            secret = Ikev1Keys.appendixB(crypto.prf(choice.prf().get()), k.skeyidE().get(), algorithm.keySize());
        } else {
            keyProblem = "only SKEYID_e is known and the negotiated PRF is not one ike4j has";
            return;
        }
        if (secret.length() != algorithm.keySize()) {
            keyProblem = "the key from " + k.origin() + " has " + secret.length() + " bytes; " + algorithm
                    + " (" + choice.description() + ") needs " + algorithm.keySize();
            return;
        }
        cipher = crypto.cipher(algorithm);
        encryptionKey = secret.reveal();
    }

    /** Names the key and algorithms, for the SA's heading. */
    String describe() {
        if (key.isEmpty()) {
            return "no key";
        }
        Algorithms.Phase1Choice choice = responderChoice != null ? responderChoice : initiatorChoice;
        String how = key.get().encryptionKey().isPresent() ? "key" : "SKEYID_e (key derived, RFC 2409 Appendix B)";
        return how + " from " + key.get().origin() + (choice != null ? ", " + choice.description() : "");
    }

    private static boolean containsIv(List<byte[]> list, byte[] iv) {
        for (byte[] b : list) {
            if (Arrays.equals(b, iv)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] mid(int messageId) {
        return new byte[] {(byte) (messageId >>> 24), (byte) (messageId >>> 16), (byte) (messageId >>> 8),
            (byte) messageId};
    }
}
