package org.ike4j.wire.v1;

import java.util.List;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.Tree;

/**
 * The decrypted body of an encrypted message: a payload chain and the padding after its last
 * payload. IKEv1 pads the plaintext to the cipher's block size (RFC 2409 section 5.3 and
 * Appendix B); the padding is kept as received so that re-encoding gives the same plaintext.
 *
 * @param payloads the payloads in wire order
 * @param padding the bytes after the last payload
 */
public record PayloadChain(List<Payload> payloads, Bytes padding) {

    public PayloadChain {
        payloads = List.copyOf(payloads);
    }

    /** The type of the first payload, which goes into the header's next payload field. */
    public PayloadType firstPayload() {
        return payloads.isEmpty() ? PayloadType.NONE : payloads.get(0).type();
    }

    public Tree tree() {
        Tree.Builder b = Tree.builder("ISAKMP decrypted payloads");
        b.children(IsakmpCodec.trees(payloads));
        b.field("padding length", padding.length());
        if (!padding.isEmpty()) {
            b.hex("padding", padding);
        }
        return b.build();
    }
}
