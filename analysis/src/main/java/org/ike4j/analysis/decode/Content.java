package org.ike4j.analysis.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ike4j.wire.DecodeException;
import org.ike4j.wire.Hex;
import org.ike4j.wire.Tree;
import org.ike4j.wire.TreeEntry;
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

    Tree tree();

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
        public Tree tree() {
            IsakmpMessage message = message();
            Tree outer = message.tree();
            if (plaintext == null) {
                return outer;
            }
            // the datagram decoded once for both halves of the tree
            try {
                return append(outer, IsakmpCodec.decodePayloads(((EncryptedMessage) message).firstPayload(), plaintext)
                        .tree());
            } catch (DecodeException x) {
                throw new IllegalStateException("decoded before", x);
            }
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
        /** The inner payloads themselves, when they do not re-encode (a peer's odd chain): kept as they are. */
        private final List<Payload> kept;

        V2(byte[] datagram, List<Payload> inner) {
            this.datagram = datagram;
            byte[] encoded = null;
            List<Payload> keep = null;
            if (inner != null) {
                try {
                    encoded = Ikev2Decoder.encodePayloads(inner);
                } catch (RuntimeException e) {
                    keep = List.copyOf(inner);
                }
            }
            this.inner = encoded;
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
        public Tree tree() {
            Ikev2Message message = message();
            Tree outer = message.toTree();
            if (inner == null && kept == null) {
                return outer;
            }
            List<Payload> decrypted = inner().get();
            List<Tree> payloads;
            try {
                // the inner payloads render through a message of their own; its header is left out
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
            return append(outer, Tree.builder("IKEv2 decrypted payloads").children(payloads).build());
        }
    }

    /** Bytes on an IKE port that do not decode as a message. */
    final class Raw implements Content {
        private final byte[] bytes;

        Raw(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public Tree tree() {
            return Tree.builder("undecodable datagram").field("length", bytes.length)
                    .field("bytes", bytes.length == 0 ? "(empty)" : Hex.spaced(bytes)).build();
        }
    }

    private static Tree append(Tree outer, Tree last) {
        List<TreeEntry> entries = new ArrayList<>(outer.entries());
        entries.add(last);
        return new Tree(outer.title(), entries);
    }
}
