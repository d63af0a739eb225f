package org.ike4j.wire.v1;

import org.ike4j.wire.Tree;

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
    Tree tree();
}
