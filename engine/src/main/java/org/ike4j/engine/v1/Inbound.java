package org.ike4j.engine.v1;

import java.util.List;
import java.util.Optional;
import org.ike4j.wire.v1.IsakmpHeader;
import org.ike4j.wire.v1.Payload;

/**
 * A received message as a task sees it: header, payloads (decrypted when it was encrypted), and
 * the hook a task calls once the message proved authentic, which moves the IV chain on and
 * records the message for retransmission detection. Until then nothing about the SA changed.
 * {@code local} and {@code remote} are the datagram's addresses as it arrived (NAT detection).
 */
record Inbound(IsakmpHeader header, List<Payload> payloads, boolean encrypted, Runnable authentic,
        java.net.InetSocketAddress local, java.net.InetSocketAddress remote) {

    <T extends Payload> List<T> all(Class<T> type) {
        return payloads.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends Payload> Optional<T> first(Class<T> type) {
        return payloads.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    <T extends Payload> T require(Class<T> type, String what) throws Ikev1Failure {
        return first(type).orElseThrow(() -> new Ikev1Failure(org.ike4j.wire.v1.NotifyType.PAYLOAD_MALFORMED,
                "the " + what + " payload is missing"));
    }
}
