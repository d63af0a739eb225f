package org.ike4j.crypto.kdf;

import java.nio.charset.StandardCharsets;
import org.ike4j.crypto.Prf;
import org.ike4j.crypto.Secret;

/**
 * The octets an IKEv2 AUTH payload signs or MACs, and the AUTH value for shared keys (RFC 7296
 * section 2.15).
 *
 * <pre>
 * InitiatorSignedOctets = RealMessage1 | NonceRData | MACedIDForI
 * MACedIDForI           = prf(SK_pi, RestOfInitIDPayload)
 * ResponderSignedOctets = RealMessage2 | NonceIData | MACedIDForR
 * MACedIDForR           = prf(SK_pr, RestOfRespIDPayload)
 * AUTH = prf( prf(Shared Secret, "Key Pad for IKEv2"), &lt;InitiatorSignedOctets&gt;)
 * </pre>
 *
 * RealMessage1/2 are the whole first/second IKE_SA_INIT messages as sent (from the IKE header on,
 * without the non-ESP marker); RestOfIDPayload is the ID payload body from the ID Type octet on,
 * without the generic payload header. With EAP methods that produce an MSK, the MSK is the shared
 * secret (2.16); without one, SK_pi/SK_pr are (the caller passes the appropriate one).
 */
public final class Ikev2Auth {
    /** 17 ASCII characters, no terminating NUL (2.15). */
    private static final byte[] KEY_PAD = "Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII);

    private Ikev2Auth() {
    }

    /** MACedIDForI = prf(SK_pi, RestOfInitIDPayload), or MACedIDForR with SK_pr. */
    public static byte[] macedId(Prf prf, Secret skP, byte[] restOfIdPayload) {
        try (Secret mac = prf.apply(skP, restOfIdPayload)) {
            return mac.reveal();
        }
    }

    /**
     * InitiatorSignedOctets (realMessage = RealMessage1, peerNonce = NonceRData, skP = SK_pi) or
     * ResponderSignedOctets (RealMessage2, NonceIData, SK_pr).
     */
    public static byte[] signedOctets(Prf prf, byte[] realMessage, byte[] peerNonce, Secret skP,
            byte[] restOfIdPayload) {
        return Octets.concat(realMessage, peerNonce, macedId(prf, skP, restOfIdPayload));
    }

    /** AUTH = prf(prf(Shared Secret, "Key Pad for IKEv2"), signedOctets), for auth method 2. */
    public static byte[] sharedKeyAuth(Prf prf, Secret sharedSecret, byte[] signedOctets) {
        try (Secret padded = prf.apply(sharedSecret, KEY_PAD); Secret auth = prf.apply(padded, signedOctets)) {
            return auth.reveal();
        }
    }
}
