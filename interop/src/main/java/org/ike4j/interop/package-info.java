/**
 * Interop tests: the ike4j daemon against strongSwan's charon (5.9.8 here) in network namespaces
 * the tests create (the tests live in {@code src/test/java}; this module has no main code).
 *
 * <h2>How</h2>
 * A JVM lives in one network namespace, so the daemon runs as a child process:
 * {@code ip netns exec NS java -cp <the test's class path> org.ike4j.cli.Main daemon --listen
 * 192.0.2.1 --port 500 --natt-port 4500 --control <temp dir>/ike4j.ctl ...}, stopped by PID. charon
 * runs in the other namespace through the test kit ({@code org.ike4j.testkit}). The tests read
 * ike4j's state over its control socket ({@code status} with JSON, as {@code ike4j status --json})
 * and charon's with {@code swanctl --list-sas}, and compare cookies, SPIs, algorithms and
 * lifetimes. Every test captures its exchanges on the veth (temp dir only).
 *
 * <h2>Cases</h2>
 * <ol>
 *   <li>the seed's ipsec.conf/ipsec.secrets (addresses mapped) initiates to charon playing the
 *       SRX, 0.0.0.0/0 both sides (charon's route installation is off: with kernel-libipsec a
 *       0.0.0.0/0 remote selector would route everything through {@code ipsec0});</li>
 *   <li>charon initiates to ike4j running the seed's Junos configuration;</li>
 *   <li>Aggressive Mode; 4. aes256-sha256-modp2048 with PFS; 5. forced NAT-T; 6. deletes from
 *       either side; 7. DPD against a SIGKILLed charon; 8. a 30 s IPsec lifetime rekeyed twice
 *       without a gap; 9. the diagnostics of a wrong PSK, a proposal and a proxy-ID mismatch.</li>
 * </ol>
 *
 * <h2>charon 5.9.8's behaviour worth knowing</h2>
 * <ul>
 *   <li>kernel-libipsec fakes a NAT: charon floats to 4500 from Main Mode 5 and proposes
 *       UDP-encapsulated tunnel mode.</li>
 *   <li>Its Quick Mode answer carries its own configured proposal's number (1), not the number it
 *       was offered (0, pluto's numbering).</li>
 *   <li>As a Quick Mode responder it keeps its own configured lifetime ("received 3600s lifetime,
 *       configured 3960s") and sends no RESPONDER-LIFETIME; as an initiator it ignores a
 *       RESPONDER-LIFETIME it receives. The tests configure both sides alike where lifetimes are
 *       compared, and check each side reports what it enforces where they differ (case 2).</li>
 *   <li>It ignores unprotected Informational messages: a PAYLOAD-MALFORMED after a wrong PSK shows
 *       on its side only as "peer not responding".</li>
 * </ul>
 */
package org.ike4j.interop;
