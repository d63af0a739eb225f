package org.ike4j.engine.v2.protection;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.kdf.Ikev2SaKeys;
import org.ike4j.wire.v2.Ikev2Decoder;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.Payload;

/**
 * Message protection for both directions of one IKE SA (RFC 7296 sections 2.14 and 3.14). Keys go
 * by who sends: messages from the original initiator are protected with SK_ei and SK_ai, messages
 * from the original responder with SK_er and SK_ar, whichever of the two sends a request or a
 * response.
 */
public final class Ikev2Protection {
    private final SkProtector outbound;
    private final SkProtector inbound;

    private Ikev2Protection(SkProtector outbound, SkProtector inbound) {
        this.outbound = outbound;
        this.inbound = inbound;
    }

    /**
     * @param originalInitiator whether this end started the IKE SA (sets the I flag)
     */
    public static Ikev2Protection of(Crypto crypto, SkSuite suite, Ikev2SaKeys keys, boolean originalInitiator,
            SecureRandom random) {
        Objects.requireNonNull(keys);
        SkKeys mine = originalInitiator ? initiatorKeys(keys) : responderKeys(keys);
        SkKeys peers = originalInitiator ? responderKeys(keys) : initiatorKeys(keys);
        return new Ikev2Protection(new SkProtector(crypto, suite, mine, random),
                new SkProtector(crypto, suite, peers, random));
    }

    /** SK_ei and SK_ai: the keys of messages the original initiator sends. */
    public static SkKeys initiatorKeys(Ikev2SaKeys keys) {
        return new SkKeys(keys.skEi(), keys.skAi());
    }

    /** SK_er and SK_ar: the keys of messages the original responder sends. */
    public static SkKeys responderKeys(Ikev2SaKeys keys) {
        return new SkKeys(keys.skEr(), keys.skAr());
    }

    /** Protects a message this end sends. */
    public byte[] protect(Ikev2Header header, List<Payload> inner) {
        return outbound.protect(header, inner);
    }

    /** Protects a message this end sends as fragments of at most {@code maxContent} plaintext octets. */
    public List<byte[]> protectFragmented(Ikev2Header header, List<Payload> inner, int maxContent) {
        return outbound.protectFragmented(header, inner, maxContent);
    }

    /** Opens a message the peer sent. */
    public Unprotected open(byte[] datagram) {
        return inbound.open(datagram, Ikev2Decoder.Mode.STRICT);
    }

    public SkProtector outbound() {
        return outbound;
    }

    public SkProtector inbound() {
        return inbound;
    }
}
