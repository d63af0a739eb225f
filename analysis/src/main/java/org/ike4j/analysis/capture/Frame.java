package org.ike4j.analysis.capture;

import java.time.Instant;

/**
 * One captured frame as the file holds it, before any protocol is looked at.
 *
 * @param number 1-based frame number
 * @param time capture time
 * @param linkType the LINKTYPE_ value of its interface (tcpdump.org link-layer header types)
 * @param data the captured bytes (possibly fewer than {@code originalLength})
 * @param originalLength the length on the wire
 */
record Frame(long number, Instant time, int linkType, byte[] data, long originalLength) {
}
