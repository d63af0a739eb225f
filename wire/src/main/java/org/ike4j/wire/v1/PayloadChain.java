package org.ike4j.wire.v1;

import java.util.List;
import org.ike4j.wire.TreeSink;
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
        return Tree.of(this::describe);
    }

    /** The decrypted payloads and the padding as {@link #tree()} shows them, as one structure of {@code b}. */
    public void describe(TreeSink b) {
        b.open("ISAKMP decrypted payloads");
        IsakmpCodec.describe(payloads, b);
        b.field("padding length", padding.length());
        if (!padding.isEmpty()) {
            b.hex("padding", padding);
        }
        b.close();
    }
}
