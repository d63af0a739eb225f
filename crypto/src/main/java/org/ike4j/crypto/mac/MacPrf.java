package org.ike4j.crypto.mac;

import org.ike4j.crypto.Prf;
import org.ike4j.crypto.PrfAlgorithm;

/**
 * A PRF whose output is the MAC's full output: HMAC (RFC 2104, RFC 4868 section 2.1.2),
 * AES-XCBC-PRF-128 (RFC 4434), AES-CMAC-PRF-128 (RFC 4615). Key length rules are the function's.
 */
public record MacPrf(PrfAlgorithm algorithm, MacFunction function) implements Prf {
    @Override
    public byte[] apply(byte[] key, byte[]... data) {
        return function.apply(key, data);
    }
}
