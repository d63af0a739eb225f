package org.ike4j.wire.v1;

import org.ike4j.wire.ByteReader;
import org.ike4j.wire.DecodeException;

/**
 * The chaining rule of ISAKMP's nested substructures (RFC 2408 sections 3.5 and 3.6): proposals
 * inside an SA payload and transforms inside a proposal each carry a next payload field that is
 * either the substructure's own type (another follows) or NONE (the last one), and the chain must
 * end exactly where its container ends.
 */
final class SubstructureChain {
    private SubstructureChain() {
    }

    /**
     * Checks the next payload field of one substructure against what remains of its container.
     *
     * @param r the container's reader, positioned after the substructure
     * @param start the substructure's offset, for the error
     * @param name the substructure's name in errors, e.g. {@code Proposal Payload}
     * @param next the value of its next payload field
     * @param more the type announcing another one ({@link PayloadType#P} or {@link PayloadType#T})
     * @param what the substructure in words, e.g. {@code proposal}
     * @param container the container in words, e.g. {@code the SA payload}
     */
    static void checkNext(ByteReader r, int start, String name, int next, PayloadType more, String what,
            String container) throws DecodeException {
        if (next == PayloadType.NONE.code()) {
            if (r.hasRemaining()) {
                throw r.errorAt(start, name + ".next payload",
                        "last " + what + " (next payload NONE) is followed by " + r.remaining() + " bytes");
            }
        } else if (next == more.code()) {
            if (!r.hasRemaining()) {
                throw r.errorAt(start, name + ".next payload", "announces another " + what + " but " + container + " ends");
            }
        } else {
            throw r.errorAt(start, name + ".next payload",
                    "must be " + more.code() + " (" + more.name() + ") or 0 (NONE), is " + next);
        }
    }
}
