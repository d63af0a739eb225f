package org.ike4j.analysis.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ike4j.wire.DecodeException;
import org.ike4j.wire.Tree;
import org.ike4j.wire.TreeSink;
import org.ike4j.wire.v1.EncryptedMessage;
import org.ike4j.wire.v1.IsakmpCodec;
import org.ike4j.wire.v1.IsakmpMessage;
import org.ike4j.wire.v1.PayloadChain;
import org.ike4j.wire.v2.Ikev2Decoder;
import org.ike4j.wire.v2.Ikev2Message;
import org.ike4j.wire.v2.Payload;
import org.ike4j.wire.v2.PayloadType;

/**
 * A decoded message's bytes: the datagram and, when it was decrypted, the plaintext. The model
 * objects and the tree are made again from them when asked for, so that a capture of a hundred
 * thousand messages is held as two byte arrays a message (a few hundred bytes) rather than as
 * thousands of small objects, which is what made the garbage collector the decoder's main cost.
 * Both were decoded once already, so decoding them again cannot fail.
 */
public sealed interface Content {

    /** The message as a tree: the outer message, then the decrypted payloads when there are any. */
    default Tree tree() {
        return Tree.of(this::describe);
    }

    /**
     * The same structure as {@link #tree()}, described into {@code sink}: the text report renders
     * it straight to bytes this way, without building the tree.
     */
    void describe(TreeSink sink);

    /** An ISAKMP message, with its decrypted payload chain (payloads and padding) when there is one. */
    final class V1 implements Content {
        private final byte[] datagram;
        private final byte[] plaintext;

        V1(byte[] datagram, byte[] plaintext) {
            this.datagram = datagram;
            this.plaintext = plaintext;
        }

        byte[] datagram() {
            return datagram;
        }

        public IsakmpMessage message() {
            try {
                return IsakmpCodec.decode(datagram);
            } catch (DecodeException e) {
                throw new IllegalStateException("decoded before", e);
            }
        }

        public Optional<PayloadChain> decrypted() {
            if (plaintext == null) {
                return Optional.empty();
            }
            EncryptedMessage e = (EncryptedMessage) message();
            try {
                return Optional.of(IsakmpCodec.decodePayloads(e.firstPayload(), plaintext));
            } catch (DecodeException x) {
                throw new IllegalStateException("decoded before", x);
            }
        }

        @Override
        public void describe(TreeSink sink) {
            IsakmpMessage message = message();
            if (plaintext == null) {
                message.describe(sink);
                return;
            }
            // the datagram decoded once for both halves; the decrypted chain as the message's last structure
            PayloadChain chain;
            try {
                chain = IsakmpCodec.decodePayloads(((EncryptedMessage) message).firstPayload(), plaintext);
            } catch (DecodeException x) {
                throw new IllegalStateException("decoded before", x);
            }
            sink.open("ISAKMP Message");
            message.describeContents(sink);
            chain.describe(sink);
            sink.close();
        }
    }

    /**
     * An IKEv2 message, with the payloads of its SK payload (or of the reassembled SKF message)
     * when they were decrypted.
     */
    final class V2 implements Content {
        private final byte[] datagram;
        private final byte[] inner;
        private final int firstInner;
        /** The inner payloads themselves, when they do not encode (a peer's odd chain): kept as they are. */
        private final List<Payload> kept;

        V2(byte[] datagram) {
            this(datagram, null, null);
        }

        /**
         * @param inner the decrypted payloads, or null
         * @param content the plaintext they were decoded from (padding removed), held as it is
         *     when the payloads would also encode as an inner chain (decoding it again gives them)
         */
        V2(byte[] datagram, List<Payload> inner, byte[] content) {
            this.datagram = datagram;
            byte[] held = null;
            List<Payload> keep = null;
            if (inner != null) {
                if (Ikev2Decoder.encodesAsInner(inner)) {
                    held = content;
                } else {
                    keep = List.copyOf(inner);
                }
            }
            this.inner = held;
            this.kept = keep;
            this.firstInner = inner == null || inner.isEmpty() ? 0 : Ikev2Decoder.firstType(inner).code();
        }

        public Ikev2Message message() {
            try {
                return Ikev2Decoder.decode(datagram, Ikev2Decoder.Mode.LENIENT);
            } catch (DecodeException e) {
                throw new IllegalStateException("decoded before", e);
            }
        }

        public Optional<List<Payload>> inner() {
            if (kept != null) {
                return Optional.of(kept);
            }
            if (inner == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Ikev2Decoder.decodePayloads(inner, PayloadType.of(firstInner),
                        Ikev2Decoder.Mode.LENIENT));
            } catch (DecodeException e) {
                throw new IllegalStateException("decoded before", e);
            }
        }

        @Override
        public void describe(TreeSink sink) {
            Ikev2Message message = message();
            if (inner == null && kept == null) {
                message.describe(sink);
                return;
            }
            // decoded before anything is written, so that nothing below can fail half-way
            List<Payload> decrypted = inner().get();
            sink.open("IKEv2 Message");
            message.describeContents(sink);
            if (kept == null) {
                // a chain that encodes (checked when it was decrypted): each payload with its generic header
                sink.open("IKEv2 decrypted payloads");
                Ikev2Message.describePayloads(decrypted, sink);
                sink.close();
            } else {
                sink.tree(keptTree(message, decrypted));
            }
            sink.close();
        }

        /**
         * The decrypted payloads of a chain that does not encode as inner payloads: rendered
         * through a message of their own when that works (its header left out), else each payload
         * by its body alone.
         */
        private static Tree keptTree(Ikev2Message message, List<Payload> decrypted) {
            List<Tree> payloads;
            try {
                Tree innerTree = new Ikev2Message(message.header(), decrypted).toTree();
                payloads = innerTree.children().subList(1, innerTree.children().size());
            } catch (RuntimeException e) {
                payloads = new ArrayList<>();
                for (Payload p : decrypted) {
                    Tree.Builder b = Tree.builder(p.title());
                    p.describeBody(b);
                    payloads.add(b.build());
                }
            }
            return Tree.builder("IKEv2 decrypted payloads").children(payloads).build();
        }
    }

    /** Bytes on an IKE port that do not decode as a message. */
    final class Raw implements Content {
        private final byte[] bytes;

        Raw(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void describe(TreeSink sink) {
            sink.open("undecodable datagram").field("length", bytes.length).hex("bytes", bytes).close();
        }
    }
}
