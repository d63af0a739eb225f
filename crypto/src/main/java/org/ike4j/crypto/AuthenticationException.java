package org.ike4j.crypto;

/** An ICV or AEAD tag did not verify. Says nothing about the key or the data. */
public final class AuthenticationException extends Exception {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }
}
