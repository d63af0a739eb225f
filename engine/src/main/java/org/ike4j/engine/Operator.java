package org.ike4j.engine;

/** The operator's commands an engine acts on. Status queries read the engine's state instead. */
public sealed interface Operator {

    /** Bring a connection up: negotiate Phase 1 (if needed) and its IPsec SAs. */
    record Up(String connection) implements Operator {
    }

    /** Take a connection down: delete its IPsec SAs and its ISAKMP/IKE SA, telling the peer. */
    record Down(String connection) implements Operator {
    }

    /** Apply a new configuration; SAs of connections that did not change stay up. */
    record Reload(org.ike4j.config.Configuration configuration) implements Operator {
    }
}
