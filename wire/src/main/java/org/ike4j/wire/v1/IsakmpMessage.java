package org.ike4j.wire.v1;

import org.ike4j.wire.Tree;
import org.ike4j.wire.TreeSink;

/**
 * An ISAKMP message: a header and either its payloads ({@link PlainMessage}) or, when the
 * header's E flag is set, the ciphertext that holds them ({@link EncryptedMessage}). The caller
 * decrypts the latter and decodes the plaintext with {@link IsakmpCodec#decodePayloads}.
 */
public sealed interface IsakmpMessage permits PlainMessage, EncryptedMessage {

    IsakmpHeader header();

    /** The header's next payload: the type of the first payload. */
    PayloadType firstPayload();

    /** The message as pluto-style trace. */
    default Tree tree() {
        return Tree.of(this::describe);
    }

    /** The message as {@link #tree()} shows it, as one structure of {@code b}. */
    default void describe(TreeSink b) {
        b.open("ISAKMP Message");
        describeContents(b);
        b.close();
    }

    /** The header's fields and the payloads (or the ciphertext), without the enclosing heading. */
    void describeContents(TreeSink b);
}
