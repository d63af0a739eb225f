package org.ike4j.crypto;

/** No available backend implements the requested algorithm. */
public final class UnsupportedAlgorithmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedAlgorithmException(String message) {
        super(message);
    }
}
