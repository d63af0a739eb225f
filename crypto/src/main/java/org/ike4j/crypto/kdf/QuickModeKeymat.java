package org.ike4j.crypto.kdf;

import org.ike4j.crypto.Prf;
import org.ike4j.crypto.Secret;

/**
 * KEYMAT for an IPsec SA negotiated in IKEv1 Quick Mode (RFC 2409 section 5.5).
 *
 * <pre>
 * KEYMAT = K1 | K2 | K3 | ...
 *   K1 = prf(SKEYID_d, [ g(qm)^xy | ] protocol | SPI | Ni_b | Nr_b)
 *   K2 = prf(SKEYID_d, K1 | [ g(qm)^xy | ] protocol | SPI | Ni_b | Nr_b)
 *   Kn = prf(SKEYID_d, Kn-1 | [ g(qm)^xy | ] protocol | SPI | Ni_b | Nr_b)
 * </pre>
 *
 * g(qm)^xy is the shared secret of the Quick Mode's own Diffie-Hellman exchange, present only with
 * PFS. protocol is the one-octet protocol ID of the proposal (RFC 2407 4.4.1: PROTO_IPSEC_AH 2,
 * PROTO_IPSEC_ESP 3) and SPI the SPI of that proposal. Each direction is its own SA with its own
 * KEYMAT: derive once per direction with the SPI chosen by the side that receives on that SA (its
 * inbound SPI). Ni_b and Nr_b are always in initiator-then-responder order.
 */
public final class QuickModeKeymat {
    /** RFC 2407 section 4.4.1. */
    public static final int PROTO_IPSEC_AH = 2;
    /** RFC 2407 section 4.4.1. */
    public static final int PROTO_IPSEC_ESP = 3;

    private QuickModeKeymat() {
    }

    /** {@code length} bytes of KEYMAT without PFS. */
    public static Secret keymat(Prf prf, Secret skeyidD, int protocol, byte[] spi, byte[] niB, byte[] nrB,
            int length) {
        return expand(prf, skeyidD, new byte[0], protocol, spi, niB, nrB, length);
    }

    /** {@code length} bytes of KEYMAT with PFS, from the Quick Mode shared secret g(qm)^xy. */
    public static Secret keymat(Prf prf, Secret skeyidD, Secret gqmxy, int protocol, byte[] spi, byte[] niB,
            byte[] nrB, int length) {
        byte[] g = gqmxy.reveal();
        try {
            return expand(prf, skeyidD, g, protocol, spi, niB, nrB, length);
        } finally {
            Octets.wipe(g);
        }
    }

    /** The encryption and integrity keys of one direction, without PFS. */
    public static IpsecKeys keys(Prf prf, Secret skeyidD, int protocol, byte[] spi, byte[] niB, byte[] nrB,
            SaKeySizes sizes) {
        try (Secret k = keymat(prf, skeyidD, protocol, spi, niB, nrB, sizes.total())) {
            return IpsecKeys.split(k, sizes);
        }
    }

    /** The encryption and integrity keys of one direction, with PFS. */
    public static IpsecKeys keys(Prf prf, Secret skeyidD, Secret gqmxy, int protocol, byte[] spi, byte[] niB,
            byte[] nrB, SaKeySizes sizes) {
        try (Secret k = keymat(prf, skeyidD, gqmxy, protocol, spi, niB, nrB, sizes.total())) {
            return IpsecKeys.split(k, sizes);
        }
    }

    private static Secret expand(Prf prf, Secret skeyidD, byte[] g, int protocol, byte[] spi, byte[] niB,
            byte[] nrB, int length) {
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("protocol ID " + protocol + " is not one octet");
        }
        if (length < 0) {
            throw new IllegalArgumentException("negative KEYMAT length");
        }
        byte[] proto = {(byte) protocol};
        byte[] d = skeyidD.reveal();
        byte[] out = new byte[length];
        byte[] k = new byte[0]; // K0 is empty: K1 has no previous block in front
        try {
            for (int filled = 0; filled < length; ) {
                byte[] next = prf.apply(d, k, g, proto, spi, niB, nrB);
                Octets.wipe(k);
                k = next;
                int take = Math.min(k.length, length - filled);
                System.arraycopy(k, 0, out, filled, take);
                filled += take;
            }
            return Secret.wrap(out);
        } finally {
            Octets.wipe(d, k);
        }
    }
}
