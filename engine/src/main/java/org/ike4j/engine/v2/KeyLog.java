package org.ike4j.engine.v2;

import org.ike4j.crypto.Secret;
import org.ike4j.engine.Action;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.KeyLogEntry;
import org.ike4j.wire.Bytes;

/**
 * The negotiated keys, only when key logging is on ({@code --keylog}): as TRACE lines (the IKE SA's
 * SPIs and SK_* keys, each Child SA's keys) and, for every IKE SA, initial or rekeyed, as an
 * {@link Action.LogKeys} with a {@link KeyLogEntry.Ikev2Sa}, the row of Wireshark's
 * ikev2_decryption_table (RFC 7296 section 2.14). ESP rows come from the Child SA's
 * {@link Action.InstallChildSa}.
 */
final class KeyLog {
    private KeyLog() {
    }

    static void ike(Ikev2Engine engine, IkeSa sa, Outbox out) {
        if (sa.keys == null) {
            return;
        }
        out.trace(sa, () -> "Ni " + Bytes.wrap(sa.ni).hex() + ", Nr " + Bytes.wrap(sa.nr).hex() + ", SPIi "
                + String.format("%016x", sa.spiI) + ", SPIr " + String.format("%016x", sa.spiR) + ", " + sa.suite);
        if (!engine.options().keyLogging()) {
            out.trace(sa, () -> "SKEYSEED and SK_d, SK_ai, SK_ar, SK_ei, SK_er, SK_pi, SK_pr computed (key logging is off)");
            return;
        }
        var k = sa.keys;
        out.trace(sa, () -> "IKE SA keys: SPIi " + String.format("%016x", sa.spiI) + ", SPIr " + String.format("%016x", sa.spiR)
                + ", " + sa.suite + ", SK_d " + hex(k.skD()) + ", SK_ai " + hex(k.skAi()) + ", SK_ar " + hex(k.skAr())
                + ", SK_ei " + hex(k.skEi()) + ", SK_er " + hex(k.skEr()) + ", SK_pi " + hex(k.skPi()) + ", SK_pr "
                + hex(k.skPr()));
        // the entry gets its own copies: the daemon destroys them once written
        out.add(new Action.LogKeys(new KeyLogEntry.Ikev2Sa(Bytes.wrap(Ikev2Algorithms.spiBytes(sa.spiI)), Bytes.wrap(Ikev2Algorithms.spiBytes(sa.spiR)),
                sa.suite.encryption(), copy(k.skEi()), copy(k.skEr()), sa.suite.integrity(), copy(k.skAi()),
                copy(k.skAr()))));
    }

    /** The shared secret g^ir and SKEYSEED (RFC 7296 2.14, 2.18), only with key logging on. */
    static void skeyseed(Ikev2Engine engine, IkeSa sa, Secret gir, Secret skeyseed, Outbox out) {
        if (engine.options().keyLogging()) {
            out.trace(sa, () -> "g^ir " + hex(gir) + ", SKEYSEED " + hex(skeyseed));
        }
    }

    private static Secret copy(Secret s) {
        return Secret.wrap(s.reveal()); // reveal() hands out a fresh copy
    }

    static void child(Ikev2Engine engine, IkeSa sa, ChildSa c, Outbox out) {
        out.trace(sa, () -> "Child SA " + c.spis() + ": traffic selectors " + c.localSelectors() + " === "
                + c.remoteSelectors() + (engine.options().keyLogging() ? "" : ", KEYMAT computed (key logging is off)"));
        if (!engine.options().keyLogging()) {
            return;
        }
        out.trace(sa, () -> "Child SA keys: " + c.spis() + ", inbound encryption " + hex(c.inboundEncryptionKey())
                + " integrity " + hex(c.inboundIntegrityKey()) + ", outbound encryption " + hex(c.outboundEncryptionKey())
                + " integrity " + hex(c.outboundIntegrityKey()));
    }

    private static String hex(Secret s) {
        return Bytes.wrap(s.reveal()).hex();
    }
}
