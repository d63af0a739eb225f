package org.ike4j.engine;

import java.net.InetSocketAddress;
import org.ike4j.wire.Bytes;

/** What an engine asks the daemon to do, in order. */
public sealed interface Action {

    /**
     * Send a datagram.
     *
     * @param local the local address and port to send from
     * @param remote the destination
     * @param data the IKE message
     * @param nonEspMarker prefix the four zero bytes of the non-ESP marker (RFC 3948), as on port 4500
     */
    record Send(InetSocketAddress local, InetSocketAddress remote, Bytes data, boolean nonEspMarker) implements Action {
    }

    /** (Re)arm a timer to fire at an absolute time of the engine's clock, in milliseconds. */
    record Schedule(TimerKey key, long atMillis) implements Action {
    }

    /** Disarm a timer; no effect if it is not armed. */
    record Cancel(TimerKey key) implements Action {
    }

    /** Install a negotiated IPsec SA pair in the dataplane. */
    record InstallChildSa(ChildSa sa) implements Action {
    }

    /**
     * Remove an IPsec SA pair from the dataplane. With {@code hold} the connection stays trapped
     * (dpdaction=hold after a dead peer): a dataplane that routes keeps the connection's routes,
     * holds its traffic and reports it as an {@link Input.Acquire}; otherwise (operator down,
     * reload, the peer's Delete, a rekey) only the SA goes.
     */
    record DeleteChildSa(ChildSa sa, String reason, boolean hold) implements Action {
        public DeleteChildSa(ChildSa sa, String reason) {
            this(sa, reason, false);
        }
    }

    /** Something the operator should hear about: an SA up or down, a failure and why. */
    record Report(Event event) implements Action {
    }

    /**
     * Key material for Wireshark's key tables. An engine returns it only when key logging is on
     * (the operator's {@code --keylog}); the daemon writes it and destroys the entry's keys.
     */
    record LogKeys(KeyLogEntry entry) implements Action {
    }

    /**
     * Heavy crypto to run off the event loop (the Diffie-Hellman shared secret and the key
     * derivation after it, RFC 7296 2.14): {@code work} reads only what it captured, never the
     * engine's state, so the daemon runs it on a worker thread; its outcome comes back as
     * {@link Input.Computed} with the same key, through the loop like any other input. A test
     * harness runs it in place and hands the result back at once, so the engine stays
     * deterministic.
     *
     * @param key names the computation for its result; its owner routes it to the engine that asked
     * @param work the computation; what it throws comes back as the failure
     */
    record Compute(TimerKey key, java.util.concurrent.Callable<Object> work) implements Action {
    }
}
