package org.ike4j.crypto.jca;

import java.security.GeneralSecurityException;
import java.security.Provider;
import javax.crypto.Mac;

/** Looks up JCA engines in one given provider, or in the installed ones when it is null. */
final class Jca {
    private Jca() {
    }

    static javax.crypto.Cipher cipher(String transformation, Provider provider) {
        try {
            return provider == null
                    ? javax.crypto.Cipher.getInstance(transformation)
                    : javax.crypto.Cipher.getInstance(transformation, provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(transformation + " unavailable", e);
        }
    }

    static Mac mac(String algorithm, Provider provider) {
        try {
            return provider == null ? Mac.getInstance(algorithm) : Mac.getInstance(algorithm, provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    /** Whether the provider (or the installed ones) has this cipher transformation. */
    static boolean hasCipher(String transformation, Provider provider) {
        try {
            cipher(transformation, provider);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    static boolean hasMac(String algorithm, Provider provider) {
        try {
            mac(algorithm, provider);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
