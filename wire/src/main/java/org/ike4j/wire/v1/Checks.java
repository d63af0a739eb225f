package org.ike4j.wire.v1;

import java.util.Objects;
import org.ike4j.wire.Bytes;

/**
 * Argument checks for the records' constructors: they keep every value encodable (a field's
 * width, a length that fits its length field). They guard against programming errors; bad input
 * on the wire is the decoders' job and becomes a DecodeException before a record is built.
 */
final class Checks {
    /** The most a payload body may hold: the 16-bit payload length less the generic header. */
    static final int MAX_BODY = 0xffff - 4;

    private Checks() {
    }

    static int u8(int v, String what) {
        if (v < 0 || v > 0xff) {
            throw new IllegalArgumentException(what + " is one byte: " + v);
        }
        return v;
    }

    static int u16(int v, String what) {
        if (v < 0 || v > 0xffff) {
            throw new IllegalArgumentException(what + " is two bytes: " + v);
        }
        return v;
    }

    static int u24(int v, String what) {
        if (v < 0 || v > 0xffffff) {
            throw new IllegalArgumentException(what + " is three bytes: " + v);
        }
        return v;
    }

    static Bytes bytes(Bytes b, int max, String what) {
        Objects.requireNonNull(b, what);
        if (b.length() > max) {
            throw new IllegalArgumentException(what + " of " + b.length() + " bytes exceeds " + max);
        }
        return b;
    }
}
