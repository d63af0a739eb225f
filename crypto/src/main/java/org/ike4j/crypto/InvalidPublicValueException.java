package org.ike4j.crypto;

/** A peer's Diffie-Hellman public value failed validation (wrong length, out of range, off the curve). */
public final class InvalidPublicValueException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidPublicValueException(String message) {
        super(message);
    }
}
