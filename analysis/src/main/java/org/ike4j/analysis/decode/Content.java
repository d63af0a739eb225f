package org.ike4j.analysis.decode;

import java.util.ArrayList;
import java.util.Arrays;
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
 * thousand messages is held as its bytes (a few hundred a message, in the decoder's
 * {@link HeldBytes} chunks) rather than as thousands of small objects, which is what made the
 * garbage collector the decoder's main cost.
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
        /** Datagram, then plaintext (when decrypted), then IV (when decrypted), held in a chunk. */
        private final byte[] held;
        private final int at;
        private final int datagramLength;
        /** -1 when the message was not decrypted. */
        private final int plaintextLength;
        private final int ivLength;

        /**
         * @param plaintext the decrypted payload chain, or null
         * @param iv the IV it was decrypted under, or null
         */
        V1(HeldBytes bytes, byte[] datagram, byte[] plaintext, byte[] iv) {
            int length = datagram.length + (plaintext == null ? 0 : plaintext.length) + (iv == null ? 0 : iv.length);
            bytes.reserve(length);
            held = bytes.chunk();
            at = bytes.position();
            datagramLength = datagram.length;
            plaintextLength = plaintext == null ? -1 : plaintext.length;
            ivLength = iv == null ? 0 : iv.length;
            bytes.append(datagram);
            if (plaintext != null) {
                bytes.append(plaintext);
            }
            if (iv != null) {
                bytes.append(iv);
            }
        }

        byte[] datagram() {
            return Arrays.copyOfRange(held, at, at + datagramLength);
        }

        private byte[] plaintext() {
            int from = at + datagramLength;
            return Arrays.copyOfRange(held, from, from + plaintextLength);
        }

        boolean holdsIv() {
            return ivLength > 0;
        }

        /** The IV it was decrypted under, or null. */
        byte[] iv() {
            if (ivLength == 0) {
                return null;
            }
            int from = at + datagramLength + Math.max(plaintextLength, 0);
            return Arrays.copyOfRange(held, from, from + ivLength);
        }

        public IsakmpMessage message() {
            try {
                return IsakmpCodec.decode(datagram());
            } catch (DecodeException e) {
                throw new IllegalStateException("decoded before", e);
            }
        }

        public Optional<PayloadChain> decrypted() {
            if (plaintextLength < 0) {
                return Optional.empty();
            }
            EncryptedMessage e = (EncryptedMessage) message();
            try {
                return Optional.of(IsakmpCodec.decodePayloads(e.firstPayload(), plaintext()));
            } catch (DecodeException x) {
                throw new IllegalStateException("decoded before", x);
            }
        }

        @Override
        public void describe(TreeSink sink) {
            IsakmpMessage message = message();
            if (plaintextLength < 0) {
                message.describe(sink);
                return;
            }
            // the datagram decoded once for both halves; the decrypted chain as the message's last structure
            PayloadChain chain;
            try {
                chain = IsakmpCodec.decodePayloads(((EncryptedMessage) message).firstPayload(), plaintext());
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
        /** Datagram, then the decrypted inner payloads' plaintext (when held), in a chunk. */
        private final byte[] held;
        private final int at;
        private final int datagramLength;
        /** -1 when no plaintext is held. */
        private final int innerLength;
        private final int firstInner;
        /** The inner payloads themselves, when they do not encode (a peer's odd chain): kept as they are. */
        private final List<Payload> kept;

        V2(HeldBytes bytes, byte[] datagram) {
            this(bytes, datagram, null, null);
        }

        /**
         * @param inner the decrypted payloads, or null
         * @param content the plaintext they were decoded from (padding removed), held as it is
         *     when the payloads would also encode as an inner chain (decoding it again gives them)
         */
        V2(HeldBytes bytes, byte[] datagram, List<Payload> inner, byte[] content) {
            byte[] plain = null;
            List<Payload> keep = null;
            if (inner != null) {
                if (Ikev2Decoder.encodesAsInner(inner)) {
                    plain = content;
                } else {
                    keep = List.copyOf(inner);
                }
            }
            bytes.reserve(datagram.length + (plain == null ? 0 : plain.length));
            held = bytes.chunk();
            at = bytes.position();
            datagramLength = datagram.length;
            innerLength = plain == null ? -1 : plain.length;
            bytes.append(datagram);
            if (plain != null) {
                bytes.append(plain);
            }
            this.kept = keep;
            this.firstInner = inner == null || inner.isEmpty() ? 0 : Ikev2Decoder.firstType(inner).code();
        }

        public Ikev2Message message() {
            try {
                return Ikev2Decoder.decode(Arrays.copyOfRange(held, at, at + datagramLength), Ikev2Decoder.Mode.LENIENT);
            } catch (DecodeException e) {
                throw new IllegalStateException("decoded before", e);
            }
        }

        public Optional<List<Payload>> inner() {
            if (kept != null) {
                return Optional.of(kept);
            }
            if (innerLength < 0) {
                return Optional.empty();
            }
            int from = at + datagramLength;
            try {
                return Optional.of(Ikev2Decoder.decodePayloads(Arrays.copyOfRange(held, from, from + innerLength),
                        PayloadType.of(firstInner),
                        Ikev2Decoder.Mode.LENIENT));
            } catch (DecodeException e) {
                throw new IllegalStateException("decoded before", e);
            }
        }

        @Override
        public void describe(TreeSink sink) {
            Ikev2Message message = message();
            if (innerLength < 0 && kept == null) {
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
