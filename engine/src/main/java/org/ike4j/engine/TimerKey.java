package org.ike4j.engine;

/**
 * Names one timer of one SA so that scheduling it again replaces it and cancelling it is exact:
 * e.g. ("retransmit", "a305bbc510fd3640/3e8ef93e"). The engine makes the keys; the daemon only
 * stores them.
 *
 * @param purpose what the timer is for: retransmit, rekey, expire, dpd, keepalive, ...
 * @param owner the SA or exchange it belongs to
 */
public record TimerKey(String purpose, String owner) {
}
