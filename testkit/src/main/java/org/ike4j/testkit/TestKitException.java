package org.ike4j.testkit;

/**
 * A failure of the test environment itself (a command failed, a wait timed out). It extends
 * {@link AssertionError} so that JUnit reports it as a test failure, with the logs that explain
 * it in the message.
 */
public final class TestKitException extends AssertionError {

    public TestKitException(String message) {
        super(message);
    }

    public TestKitException(String message, Throwable cause) {
        super(message, cause);
    }
}
