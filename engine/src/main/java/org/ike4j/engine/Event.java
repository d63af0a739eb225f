package org.ike4j.engine;

/**
 * Something that happened in the engine that the operator should hear about, with a one-line
 * message a network engineer can act on ("NO-PROPOSAL-CHOSEN: peer offered ENCRYPTION_ALGORITHM
 * AES-CBC-256, we accept 3DES-CBC").
 *
 * @param atMillis the engine clock when it happened
 * @param level how much it matters
 * @param category the log category (ike, cfg, net, enc, knl, dpd, natt, ...)
 * @param connection the connection's name, or empty
 * @param sa the SA it concerns (cookies or SPIs and message ID), or empty
 * @param kind what happened, for scripts and tests
 * @param message the line for the log
 */
public record Event(long atMillis, Level level, String category, String connection, String sa, Kind kind,
        String message) {

    /** Log levels, as strongSwan's: 0 basic ... 4 sensitive. */
    public enum Level { ERROR, WARNING, INFO, DEBUG, TRACE }

    /** The kinds of events scripts and tests wait for. */
    public enum Kind {
        IKE_SA_ESTABLISHED, IKE_SA_DELETED, CHILD_SA_ESTABLISHED, CHILD_SA_DELETED, CHILD_SA_REKEYED,
        IKE_SA_REKEYED, NEGOTIATION_FAILED, PEER_DEAD, MALFORMED_MESSAGE, NOTIFY_RECEIVED, TRACE, OTHER
    }
}
