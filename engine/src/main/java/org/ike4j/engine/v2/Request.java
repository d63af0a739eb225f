package org.ike4j.engine.v2;

import java.util.List;
import org.ike4j.config.Connection;
import org.ike4j.crypto.KeyExchange;

/** What a request this end sent asks for, so that its response can be matched and acted on. */
sealed interface Request {

    /** IKE_SA_INIT (RFC 7296 1.2). */
    record Init() implements Request {
    }

    /** IKE_AUTH with the first Child SA. */
    record Auth(Connection child, int spi) implements Request {
    }

    /**
     * CREATE_CHILD_SA for a new or a rekeyed Child SA (1.3.1, 1.3.3).
     *
     * @param rekeyed the Child SA replaced, or null for a new one
     * @param ke our key exchange with PFS, or null
     */
    record CreateChild(Connection connection, ChildState rekeyed, int spi, byte[] ni, KeyExchange ke) implements Request {
    }

    /** CREATE_CHILD_SA that rekeys the IKE SA (1.3.2). */
    record RekeyIke(long newSpi, byte[] ni, KeyExchange ke) implements Request {
    }

    /** INFORMATIONAL with a Delete of Child SAs (1.4.1). */
    record DeleteChildren(List<ChildState> children) implements Request {
    }

    /** INFORMATIONAL with a Delete of the IKE SA. */
    record DeleteIke(String reason) implements Request {
    }

    /** An empty INFORMATIONAL: the liveness check (2.4). */
    record Liveness() implements Request {
    }
}
