package org.ike4j.analysis.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ike4j.wire.Hex;
import org.ike4j.wire.Tree;
import org.ike4j.wire.TreeEntry;
import org.ike4j.wire.v1.IsakmpMessage;
import org.ike4j.wire.v1.PayloadChain;
import org.ike4j.wire.v2.Ikev2Message;
import org.ike4j.wire.v2.Payload;

/**
 * The model objects of a decoded message, kept instead of their rendering: a capture of many
 * messages is held as compact records and each tree is built only when it is printed.
 */
public sealed interface Content {

    Tree tree();

    /** An ISAKMP message, with its decrypted payload chain when there is one. */
    record V1(IsakmpMessage message, Optional<PayloadChain> decrypted) implements Content {
        @Override
        public Tree tree() {
            Tree outer = message.tree();
            return decrypted.isEmpty() ? outer : append(outer, decrypted.get().tree());
        }
    }

    /**
     * An IKEv2 message, with the payloads of its SK payload (or of the reassembled SKF message)
     * when they were decrypted.
     */
    record V2(Ikev2Message message, Optional<List<Payload>> inner) implements Content {
        @Override
        public Tree tree() {
            Tree outer = message.toTree();
            if (inner.isEmpty()) {
                return outer;
            }
            // the inner payloads render through a message of their own; its header is left out
            Tree innerTree = new Ikev2Message(message.header(), inner.get()).toTree();
            List<Tree> payloads = innerTree.children().subList(1, innerTree.children().size());
            return append(outer, Tree.builder("IKEv2 decrypted payloads").children(payloads).build());
        }
    }

    /** Bytes on an IKE port that do not decode as a message. */
    record Raw(byte[] bytes) implements Content {
        public Raw {
            bytes = bytes.clone();
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
