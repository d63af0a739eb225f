package org.ike4j.engine;

/** The operator's commands an engine acts on. Status queries read the engine's state instead. */
public sealed interface Operator {

    /** Bring a connection up: negotiate Phase 1 (if needed) and its IPsec SAs. */
    record Up(String connection) implements Operator {
    }

    /** Take a connection down: delete its IPsec SAs and its ISAKMP/IKE SA, telling the peer. */
    record Down(String connection) implements Operator {
    }

    /**
     * Take down one SA of a connection, by the unique id status shows: a Child SA (strongSwan's
     * {@code ipsec down NAME{N}}: IKEv2 sends an INFORMATIONAL Delete for it alone, IKEv1 an ESP
     * Delete for that IPsec SA alone; the IKE SA and other Child SAs stay) or an IKE SA
     * ({@code NAME[N]}: it and its Child SAs).
     *
     * @param serial the SA's unique id ({@code {N}} or {@code [N]} in status)
     * @param child a Child SA (else an IKE SA)
     */
    record DownSa(String connection, int serial, boolean child) implements Operator {
        /** As strongSwan writes it: {@code NAME{N}} or {@code NAME[N]}. */
        @Override
        public String toString() {
            return connection + (child ? "{" + serial + "}" : "[" + serial + "]");
        }
    }

    /** Apply a new configuration; SAs of connections that did not change stay up. */
    record Reload(org.ike4j.config.Configuration configuration) implements Operator {
    }
}
