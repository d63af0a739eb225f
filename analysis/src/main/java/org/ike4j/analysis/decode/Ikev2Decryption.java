package org.ike4j.analysis.decode;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.UnsupportedAlgorithmException;
import org.ike4j.engine.v2.protection.FragmentReassembler;
import org.ike4j.engine.v2.protection.SkProtector;
import org.ike4j.engine.v2.protection.SkSuite;
import org.ike4j.engine.v2.protection.Unprotected;
import org.ike4j.wire.v2.ExchangeType;
import org.ike4j.wire.v2.Ikev2Decoder;
import org.ike4j.wire.v2.Ikev2Message;
import org.ike4j.wire.v2.Payload;
import org.ike4j.wire.v2.SecurityAssociationPayload;

/**
 * Opening one IKE SA's SK and SKF payloads (RFC 7296 section 3.14, RFC 5282, RFC 7383) as a third
 * party: the keys from a key source, the suite from it or else from the IKE_SA_INIT response in
 * the capture. Every message's ICV is checked before anything is decrypted ({@link SkProtector});
 * fragments are verified one by one and reassembled per direction and message ID.
 */
final class Ikev2Decryption {

    sealed interface Result {
    }

    /**
     * The inner payloads and the plaintext they were decoded from (padding removed); {@code note}
     * tells about fragments.
     */
    record Decrypted(List<Payload> inner, byte[] content, String note) implements Result {
    }

    /** A verified fragment whose message is not complete yet (or which adds nothing). */
    record Fragment(String note) implements Result {
    }

    record Failed(String reason, boolean malformed) implements Result {
    }

    private final Crypto crypto;
    private Optional<KeySources.Ikev2Key> key = Optional.empty();
    /** Why there is no key, once the responder's SPI is known (null: not looked up yet). */
    private String noKey;
    /** The IKE_SA_INIT response's SA payload, read for the suite only if the key source does not name it. */
    private SecurityAssociationPayload capturedSa;
    private SkProtector fromInitiator;
    private SkProtector fromResponder;
    private String problem;
    /** Made at the first fragment: most SAs have none, and a capture holds thousands of SAs. */
    private FragmentReassembler requests;
    private FragmentReassembler responses;

    /**
     * What the protectors would make IVs with; the decoder only opens. One for all SAs: a
     * {@code SecureRandom} each cost a provider lookup per SA.
     */
    private static final SecureRandom UNUSED_FOR_OPENING = new SecureRandom();

    Ikev2Decryption(Crypto crypto) {
        this.crypto = crypto;
    }

    /** Whether the key was looked up (by both SPIs, once the responder's is known). */
    boolean keyed() {
        return noKey != null || key.isPresent();
    }

    /**
     * The key source's row for this SA's two SPIs, or why there is none.
     *
     * @param why the reason shown when {@code found} is empty
     */
    void useKey(Optional<KeySources.Ikev2Key> found, String why) {
        key = found;
        noKey = found.isPresent() ? null : why;
    }

    /**
     * Takes the chosen suite from the IKE_SA_INIT response, in case the key source does not name
     * it; kept only then: the payload's proposal is a dozen objects an SA, held to the end.
     */
    void observe(Ikev2Message m) {
        if (m.header().exchangeType().equals(ExchangeType.IKE_SA_INIT) && m.header().isResponse()
                && !(key.isPresent() && key.get().suite().isPresent())) {
            m.first(SecurityAssociationPayload.class).ifPresent(sa -> capturedSa = sa);
        }
    }

    /** Opens a message, {@code outer} decoded from {@code datagram} leniently. */
    Result open(Ikev2Message outer, byte[] datagram) {
        if (key.isEmpty()) {
            return new Failed(noKey != null ? noKey : String.format("no key for IKE SA %016x/%016x",
                    outer.header().initiatorSpi(), outer.header().responderSpi()), false);
        }
        if (fromInitiator == null && problem == null) {
            prepare();
        }
        if (problem != null) {
            return new Failed(problem, false);
        }
        // RFC 7296 section 3.1: the I flag marks the original initiator, whose keys are SK_ei/SK_ai
        boolean initiator = outer.header().isInitiator();
        Unprotected u = (initiator ? fromInitiator : fromResponder).open(outer, datagram,
                Ikev2Decoder.Mode.LENIENT);
        return switch (u) {
            case Unprotected.Message m -> new Decrypted(m.inner(), m.content().toByteArray(), "");
            case Unprotected.IntegrityFailed f -> new Failed("integrity check failed with the "
                    + (initiator ? "SK_ai" : "SK_ar") + " of " + key.get().origin()
                    + " (wrong key, or the message was altered)", false);
            case Unprotected.Malformed m -> new Failed(m.reason(), true);
            case Unprotected.InvalidSyntax s -> new Failed("ICV verified, but the decrypted payloads are invalid: "
                    + s.reason(), false);
            case Unprotected.Fragment f -> fragment(f);
        };
    }

    private Result fragment(Unprotected.Fragment f) {
        if (requests == null) {
            requests = new FragmentReassembler(64, 1 << 20, 16);
            responses = new FragmentReassembler(64, 1 << 20, 16);
        }
        FragmentReassembler r = f.header().isResponse() ? responses : requests;
        String which = "fragment " + f.number() + " of " + f.total();
        return switch (r.add(f, Ikev2Decoder.Mode.LENIENT)) {
            case FragmentReassembler.Pending p -> new Fragment(which + " verified and decrypted; " + p.received()
                    + " of " + p.total() + " in, the message follows with the last");
            case FragmentReassembler.Ignored i -> new Fragment(which + " verified, not used: " + i.reason());
            case FragmentReassembler.Complete c -> switch (c.message()) {
                case Unprotected.Message m -> new Decrypted(m.inner(), m.content().toByteArray(),
                        which + ": message reassembled from "
                        + f.total() + " fragments (RFC 7383)");
                case Unprotected.InvalidSyntax s -> new Failed(which + ": reassembled payloads are invalid: "
                        + s.reason(), false);
                default -> new Failed(which + ": reassembly failed: " + c.message(), false);
            };
        };
    }

    private void prepare() {
        KeySources.Ikev2Key k = key.get();
        Optional<SkSuite> suite = k.suite().or(this::captured);
        if (suite.isEmpty()) {
            problem = "algorithms unknown: " + k.origin() + " does not name them and the IKE_SA_INIT response is"
                    + " not in the capture";
            return;
        }
        try {
            fromInitiator = new SkProtector(crypto, suite.get(), k.initiator(), UNUSED_FOR_OPENING);
            fromResponder = new SkProtector(crypto, suite.get(), k.responder(), UNUSED_FOR_OPENING);
        } catch (IllegalArgumentException | UnsupportedAlgorithmException e) {
            problem = "the keys of " + k.origin() + " do not fit " + suite.get() + ": " + e.getMessage();
        }
    }

    /** The suite the responder chose in the capture's IKE_SA_INIT, if it is there and ike4j knows it. */
    private Optional<SkSuite> captured() {
        return capturedSa == null ? Optional.empty() : Algorithms.fromSaPayload(capturedSa);
    }

    String describe() {
        if (key.isEmpty()) {
            return "no key";
        }
        Optional<SkSuite> suite = key.get().suite().or(this::captured);
        return "keys from " + key.get().origin() + suite.map(s -> ", " + s).orElse("");
    }
}
