package org.ike4j.engine.v2.protection;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.ike4j.crypto.Aead;
import org.ike4j.crypto.AuthenticationException;
import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.Integrity;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.ErrorNotify;
import org.ike4j.wire.v2.EncryptedFragmentPayload;
import org.ike4j.wire.v2.EncryptedPayload;
import org.ike4j.wire.v2.Ikev2Decoder;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.Ikev2Message;
import org.ike4j.wire.v2.Payload;
import org.ike4j.wire.v2.PayloadFlags;
import org.ike4j.wire.v2.PayloadType;

/**
 * Protects and opens the messages of one direction of an IKE SA: the SK payload (RFC 7296
 * section 3.14, RFC 5282 for AEAD) and the SKF fragment payload (RFC 7383 section 2.5).
 *
 * <pre>
 *   IKE header | SK header | IV | E(inner payloads | Padding | Pad Length) | ICV
 *   IKE header | SKF header, Fragment Number, Total Fragments | IV | E(...) | ICV
 * </pre>
 *
 * <p>Every length field covers the ICV. With a separate integrity algorithm the ICV is the MAC,
 * under SK_a, of the whole message up to the ICV, so it covers the IV and the ciphertext (encrypt
 * then MAC); with an AEAD cipher the additional data is the IKE header and the SK (or SKF) header,
 * everything before the IV (RFC 5282 section 5.1, RFC 7383 section 2.5), and the nonce is the salt
 * from the end of SK_e followed by the IV. So in both cases the authenticated prefix is "the
 * message up to the IV" and the payload header's length already counts the ICV.
 *
 * <p>IVs: a block cipher in CBC mode needs an unpredictable IV (RFC 7296 section 3.14), taken from
 * the random source; counter and AEAD modes need an IV that never repeats under one key (RFC 5282
 * section 3.1, RFC 5930 section 2), given by a 64-bit counter of this protector. One protector per
 * direction and key, therefore.
 *
 * <p>Thread-safe. Keys stay in their {@link org.ike4j.crypto.Secret}s; the copies an operation
 * needs are wiped when it ends.
 */
public final class SkProtector {
    private static final int IKE_HEADER = Ikev2Header.SIZE;

    private final SkSuite suite;
    private final SkKeys keys;
    private final Cipher cipher;
    private final Integrity integrity;
    private final Aead aead;
    private final SecureRandom random;
    private final AtomicLong counter = new AtomicLong();

    /**
     * @throws IllegalArgumentException if the key sizes do not fit the suite
     * @throws org.ike4j.crypto.UnsupportedAlgorithmException if no backend offers an algorithm
     */
    public SkProtector(Crypto crypto, SkSuite suite, SkKeys keys, SecureRandom random) {
        this.suite = Objects.requireNonNull(suite);
        this.keys = Objects.requireNonNull(keys);
        this.random = Objects.requireNonNull(random);
        keys.check(suite);
        switch (suite) {
            case SkSuite.Classic c -> {
                this.cipher = crypto.cipher(c.cipher());
                this.integrity = crypto.integrity(c.integrity());
                this.aead = null;
            }
            case SkSuite.Combined c -> {
                this.cipher = null;
                this.integrity = null;
                this.aead = crypto.aead(c.aead());
            }
        }
    }

    public SkSuite suite() {
        return suite;
    }

    /**
     * The datagram of a message whose payloads all travel inside one SK payload.
     *
     * @param header the header; Next Payload and Length are derived
     * @param inner the payloads to encrypt, in order (may be empty, as in a liveness check)
     */
    public byte[] protect(Ikev2Header header, List<Payload> inner) {
        byte[] plain = Ikev2Decoder.encodePayloads(inner);
        EncryptedPayload sk = new EncryptedPayload(Ikev2Decoder.firstType(inner),
                Bytes.wrap(new byte[bodySize(plain.length)]));
        return seal(new Ikev2Message(header, List.of(sk)), plain);
    }

    /**
     * The datagram of one fragment (RFC 7383 section 2.5).
     *
     * @param content this fragment's piece of the encoded inner payload chain
     * @param firstInner the type of the first inner payload in fragment 1; ignored (0 is sent)
     *     in every other fragment
     */
    public byte[] protectFragment(Ikev2Header header, int number, int total, PayloadType firstInner, byte[] content) {
        if (number < 1 || number > total || total > 0xffff) {
            throw new IllegalArgumentException("fragment " + number + " of " + total);
        }
        EncryptedFragmentPayload skf = new EncryptedFragmentPayload(PayloadFlags.NONE, number, total,
                number == 1 ? firstInner : PayloadType.NO_NEXT_PAYLOAD, Bytes.wrap(new byte[bodySize(content.length)]));
        return seal(new Ikev2Message(header, List.of(skf)), content);
    }

    /**
     * Splits the encoded inner payloads into fragments of at most {@code maxContent} plaintext
     * octets each (before padding) and protects each (RFC 7383 section 2.5.1: every fragment is
     * protected on its own, with the original message's header fields).
     */
    public List<byte[]> protectFragmented(Ikev2Header header, List<Payload> inner, int maxContent) {
        if (maxContent < 1) {
            throw new IllegalArgumentException("maxContent " + maxContent);
        }
        byte[] plain = Ikev2Decoder.encodePayloads(inner);
        int total = Math.max(1, (plain.length + maxContent - 1) / maxContent);
        if (total > 0xffff) {
            throw new IllegalArgumentException(total + " fragments");
        }
        PayloadType first = Ikev2Decoder.firstType(inner);
        List<byte[]> out = new ArrayList<>(total);
        for (int n = 1; n <= total; n++) {
            int from = (n - 1) * maxContent;
            byte[] piece = Arrays.copyOfRange(plain, from, Math.min(plain.length, from + maxContent));
            out.add(protectFragment(header, n, total, first, piece));
        }
        return out;
    }

    /** Octets of IV | ciphertext | ICV for {@code contentLength} octets of inner payloads. */
    private int bodySize(int contentLength) {
        return suite.ivSize() + paddedSize(contentLength) + suite.icvSize();
    }

    /** The plaintext size: content, the least padding that fills the last block, and Pad Length. */
    private int paddedSize(int contentLength) {
        int b = suite.blockSize();
        return (contentLength + 1 + b - 1) / b * b;
    }

    /** Encodes {@code m} (whose last payload has a body of the right size), then fills the body. */
    private byte[] seal(Ikev2Message m, byte[] content) {
        byte[] datagram = m.encode();
        int padded = paddedSize(content.length);
        byte[] plain = Arrays.copyOf(content, padded);
        // Padding octets are zero; the last octet is the Pad Length (RFC 7296 section 3.14).
        plain[padded - 1] = (byte) (padded - 1 - content.length);
        int ivAt = datagram.length - bodySize(content.length);
        byte[] iv = nextIv();
        System.arraycopy(iv, 0, datagram, ivAt, iv.length);
        int ctAt = ivAt + iv.length;
        byte[] ek = keys.encryption().reveal();
        try {
            if (aead != null) {
                byte[] aad = Arrays.copyOf(datagram, ivAt);
                byte[] sealed = aead.seal(ek, iv, aad, plain);
                System.arraycopy(sealed, 0, datagram, ctAt, sealed.length);
            } else {
                byte[] ct = cipher.encrypt(ek, iv, plain);
                System.arraycopy(ct, 0, datagram, ctAt, ct.length);
                int icvAt = datagram.length - suite.icvSize();
                byte[] ak = keys.integrity().reveal();
                try {
                    byte[] icv = integrity.icv(ak, Arrays.copyOf(datagram, icvAt));
                    System.arraycopy(icv, 0, datagram, icvAt, icv.length);
                } finally {
                    Arrays.fill(ak, (byte) 0);
                }
            }
        } finally {
            Arrays.fill(ek, (byte) 0);
            Arrays.fill(plain, (byte) 0);
        }
        return datagram;
    }

    private byte[] nextIv() {
        byte[] iv = new byte[suite.ivSize()];
        boolean cbc = suite instanceof SkSuite.Classic c && c.cipher().blockSize() > 1;
        if (cbc || iv.length != 8) {
            random.nextBytes(iv);
        } else {
            long n = counter.incrementAndGet();
            for (int i = 7; i >= 0; i--) {
                iv[i] = (byte) n;
                n >>>= 8;
            }
        }
        return iv;
    }

    /** Opens a received SK or SKF message, {@link Ikev2Decoder.Mode#STRICT}. */
    public Unprotected open(byte[] datagram) {
        return open(datagram, Ikev2Decoder.Mode.STRICT);
    }

    /**
     * Opens a received SK or SKF message: decodes the outer message, verifies the ICV (in constant
     * time, before anything is decrypted), decrypts, strips the padding and, for SK, decodes the
     * inner payloads.
     */
    public Unprotected open(byte[] datagram, Ikev2Decoder.Mode mode) {
        Ikev2Message outer;
        try {
            outer = Ikev2Decoder.decode(datagram, mode);
        } catch (DecodeException e) {
            return new Unprotected.Malformed(e.getMessage());
        }
        return open(outer, datagram, mode);
    }

    /**
     * As {@link #open(byte[], Ikev2Decoder.Mode)}, for a datagram its caller has decoded already
     * ({@code outer}, decoded from {@code datagram} in {@code mode}): a capture decoder reads every
     * message's header before it knows which SA's keys open it, and need not decode it twice.
     */
    public Unprotected open(Ikev2Message outer, byte[] datagram, Ikev2Decoder.Mode mode) {
        if (outer.payloads().isEmpty()) {
            return new Unprotected.Malformed("no SK or SKF payload");
        }
        Payload last = outer.payloads().getLast();
        Bytes body;
        switch (last) {
            case EncryptedPayload sk -> body = sk.encrypted();
            case EncryptedFragmentPayload skf -> body = skf.encrypted();
            default -> {
                return new Unprotected.Malformed("no SK or SKF payload");
            }
        }
        int ctLength = body.length() - suite.ivSize() - suite.icvSize();
        if (ctLength < suite.blockSize() || ctLength % suite.blockSize() != 0) {
            return new Unprotected.Malformed(last.type().name() + " body of " + body.length()
                    + " octets does not hold a " + suite.ivSize() + "-octet IV, whole " + suite.blockSize()
                    + "-octet blocks of ciphertext and a " + suite.icvSize() + "-octet ICV");
        }
        Ikev2Header header = outer.header();
        // The SK/SKF payload is the last, so its body ends the datagram.
        int ivAt = datagram.length - body.length();
        byte[] iv = Arrays.copyOfRange(datagram, ivAt, ivAt + suite.ivSize());
        int ctAt = ivAt + suite.ivSize();
        byte[] plain;
        byte[] ek = keys.encryption().reveal();
        try {
            if (aead != null) {
                try {
                    plain = aead.open(ek, iv, Arrays.copyOf(datagram, ivAt),
                            Arrays.copyOfRange(datagram, ctAt, datagram.length));
                } catch (AuthenticationException e) {
                    return new Unprotected.IntegrityFailed(header);
                }
            } else {
                int icvAt = datagram.length - suite.icvSize();
                byte[] ak = keys.integrity().reveal();
                try {
                    if (!integrity.verify(ak, Arrays.copyOfRange(datagram, icvAt, datagram.length),
                            Arrays.copyOf(datagram, icvAt))) {
                        return new Unprotected.IntegrityFailed(header);
                    }
                } finally {
                    Arrays.fill(ak, (byte) 0);
                }
                plain = cipher.decrypt(ek, iv, Arrays.copyOfRange(datagram, ctAt, icvAt));
            }
        } finally {
            Arrays.fill(ek, (byte) 0);
        }
        try {
            return inner(outer, last, plain, mode);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Strips the padding of a verified plaintext and decodes or hands out its content. */
    private static Unprotected inner(Ikev2Message outer, Payload sk, byte[] plain, Ikev2Decoder.Mode mode) {
        Ikev2Header header = outer.header();
        int padLength = plain[plain.length - 1] & 0xff;
        if (padLength + 1 > plain.length) {
            return new Unprotected.InvalidSyntax(header, ErrorNotify.V2_INVALID_SYNTAX, -1,
                    "Pad Length " + padLength + " exceeds the " + plain.length + "-octet plaintext");
        }
        byte[] content = Arrays.copyOf(plain, plain.length - 1 - padLength);
        return switch (sk) {
            case EncryptedFragmentPayload skf -> new Unprotected.Fragment(outer, skf.fragmentNumber(),
                    skf.totalFragments(), skf.firstInner(), Bytes.wrap(content));
            case EncryptedPayload p -> decodeInner(header, content, p.firstInner(), mode, outer);
            default -> throw new IllegalStateException("not SK or SKF: " + sk.type());
        };
    }

    /** Decodes a verified inner payload chain into a {@link Unprotected.Message}, or says why not. */
    static Unprotected decodeInner(Ikev2Header header, byte[] content, PayloadType first, Ikev2Decoder.Mode mode,
            Ikev2Message outer) {
        try {
            var payloads = Ikev2Decoder.decodePayloads(content, first, mode);
            return new Unprotected.Message(outer, payloads, Bytes.wrap(content));
        } catch (DecodeException e) {
            int critical = -1;
            if (e.answer().equals(ErrorNotify.V2_UNSUPPORTED_CRITICAL_PAYLOAD)) {
                critical = e.offset() < 0 ? first.code() : Ikev2Decoder.unsupportedCriticalType(e, content);
            }
            return new Unprotected.InvalidSyntax(header, e.answer(), critical, e.getMessage());
        }
    }
}
