package org.ike4j.engine.v1;

import java.util.List;
import org.ike4j.wire.v1.HashPayload;
import org.ike4j.wire.v1.NotifyType;
import org.ike4j.wire.v1.Payload;
import org.ike4j.wire.v1.PayloadType;

/**
 * What each IKEv1 message must carry, declared once (RFC 2409 sections 5 to 5.5): the payloads
 * required, whether it must come encrypted, and whether HASH must come first. Other payloads
 * (VID, N, NAT-D, CR...) are allowed; the tasks that know them use them.
 *
 * @param name the message as the logs name it
 * @param required payload types that must be present
 * @param encrypted the message must have been encrypted
 * @param hashFirst HASH must be the first payload (Quick Mode, protected Informational)
 */
record MessageRule(String name, List<PayloadType> required, boolean encrypted, boolean hashFirst) {

    static final MessageRule MAIN_SA = new MessageRule("Main Mode SA", List.of(PayloadType.SA), false, false);
    static final MessageRule MAIN_KE = new MessageRule("Main Mode KE", List.of(PayloadType.KE, PayloadType.NONCE), false, false);
    static final MessageRule MAIN_AUTH = new MessageRule("Main Mode ID/HASH", List.of(PayloadType.ID, PayloadType.HASH), true, false);
    static final MessageRule AGGR_1 = new MessageRule("Aggressive Mode 1",
            List.of(PayloadType.SA, PayloadType.KE, PayloadType.NONCE, PayloadType.ID), false, false);
    static final MessageRule AGGR_2 = new MessageRule("Aggressive Mode 2",
            List.of(PayloadType.SA, PayloadType.KE, PayloadType.NONCE, PayloadType.ID, PayloadType.HASH), false, false);
    /** The third message: encrypted by strongSwan, plain by others; both accepted. */
    static final MessageRule AGGR_3 = new MessageRule("Aggressive Mode 3", List.of(PayloadType.HASH), false, false);
    static final MessageRule QUICK_1 = new MessageRule("Quick Mode 1",
            List.of(PayloadType.HASH, PayloadType.SA, PayloadType.NONCE), true, true);
    static final MessageRule QUICK_2 = new MessageRule("Quick Mode 2",
            List.of(PayloadType.HASH, PayloadType.SA, PayloadType.NONCE), true, true);
    static final MessageRule QUICK_3 = new MessageRule("Quick Mode 3", List.of(PayloadType.HASH), true, true);

    void check(Inbound in) throws Ikev1Failure {
        if (encrypted && !in.encrypted()) {
            throw new Ikev1Failure(NotifyType.PAYLOAD_MALFORMED, false, name + " must be encrypted (RFC 2409 5)");
        }
        List<Payload> p = in.payloads();
        if (hashFirst && (p.isEmpty() || !(p.get(0) instanceof HashPayload))) {
            throw new Ikev1Failure(NotifyType.PAYLOAD_MALFORMED, false, name + " must start with a HASH payload");
        }
        for (PayloadType t : required) {
            if (p.stream().noneMatch(x -> x.type().code() == t.code())) {
                throw new Ikev1Failure(NotifyType.PAYLOAD_MALFORMED, name + ": the " + t.name() + " payload is missing");
            }
        }
    }
}
