package org.ike4j.engine.v2;

import org.ike4j.crypto.Secret;
import org.ike4j.engine.ChildSa;
import org.ike4j.wire.Bytes;

/**
 * The negotiated keys as TRACE lines, only when key logging is on ({@code --keylog}): the IKE SA's
 * SPIs and SK_* keys (what Wireshark's ikev2_decryption_table needs), and each Child SA's keys.
 */
final class KeyLog {
    private KeyLog() {
    }

    static void ike(Ikev2Engine engine, IkeSa sa, Outbox out) {
        if (!engine.options().keyLogging() || sa.keys == null) {
            return;
        }
        var k = sa.keys;
        out.trace(sa, "IKE SA keys: SPIi " + String.format("%016x", sa.spiI) + ", SPIr " + String.format("%016x", sa.spiR)
                + ", " + sa.suite + ", SK_d " + hex(k.skD()) + ", SK_ai " + hex(k.skAi()) + ", SK_ar " + hex(k.skAr())
                + ", SK_ei " + hex(k.skEi()) + ", SK_er " + hex(k.skEr()) + ", SK_pi " + hex(k.skPi()) + ", SK_pr "
                + hex(k.skPr()));
    }

    static void child(Ikev2Engine engine, IkeSa sa, ChildSa c, Outbox out) {
        if (!engine.options().keyLogging()) {
            return;
        }
        out.trace(sa, "Child SA keys: " + c.spis() + ", inbound encryption " + hex(c.inboundEncryptionKey())
                + " integrity " + hex(c.inboundIntegrityKey()) + ", outbound encryption " + hex(c.outboundEncryptionKey())
                + " integrity " + hex(c.outboundIntegrityKey()));
    }

    private static String hex(Secret s) {
        return Bytes.wrap(s.reveal()).hex();
    }
}
