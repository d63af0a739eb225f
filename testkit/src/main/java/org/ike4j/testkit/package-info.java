/**
 * What interop tests stand on: real peers (strongSwan 5.9's charon, swanctl, tshark 4.0) run in
 * network namespaces the test makes and removes.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link org.ike4j.testkit.Prerequisites}: root, binaries, plugins, /dev/net/tun. Missing
 *       on a laptop: the test is skipped with the Debian packages to install. With
 *       {@code CI=true}: the test fails with the same message. {@link org.ike4j.testkit.Interop} on
 *       a test class checks them before its tests and, after them, that the class left no
 *       namespace, kit resource or child process of this JVM behind.</li>
 *   <li>{@link org.ike4j.testkit.NetNamespace}, {@link org.ike4j.testkit.TestNetwork},
 *       {@link org.ike4j.testkit.VethPair}: namespaces named {@code ike4j-<pid>-<random>-<label>},
 *       veth links created directly inside them (nothing appears in the host's namespace), inner
 *       addresses on {@code lo}, routes, a NAT router (nftables masquerade), random packet loss
 *       (nftables {@code numgen random} on netdev ingress), MTU. {@link org.ike4j.testkit.TwoPeers}:
 *       the two-namespace topology most tests run in, closing what it owns before its namespaces.</li>
 *   <li>{@link org.ike4j.testkit.Charon}: charon in a namespace and in a private mount namespace
 *       with its own {@code /run}, configured only by a generated strongswan.conf
 *       ({@code STRONGSWAN_CONF}), vici socket and log file in a temp dir of its own; several run
 *       at once. {@link org.ike4j.testkit.SwanctlConfig} writes swanctl.conf,
 *       {@link org.ike4j.testkit.Swanctl} loads it, initiates, terminates, lists SAs
 *       ({@link org.ike4j.testkit.IkeSa}, {@link org.ike4j.testkit.ChildSa}) and waits for states.
 *       The legacy route (ipsec.conf, ipsec.secrets, starter and {@link org.ike4j.testkit.Stroke})
 *       is there too.</li>
 *   <li>{@link org.ike4j.testkit.Capture} and {@link org.ike4j.testkit.Tshark}: capture on an
 *       interface inside a namespace, read it back field by field or fully dissected, with
 *       decryption tables as {@code uat:} preferences (the interop tests build them with
 *       analysis' key tables, from ike4j's key logs or from charon's log at {@code ike} level 4).</li>
 *   <li>{@link org.ike4j.testkit.Processes}, {@link org.ike4j.testkit.BackgroundProcess}: every
 *       command with a time limit, every daemon stopped by PID (SIGTERM, then SIGKILL).</li>
 * </ul>
 *
 * <h2>A test</h2>
 * <pre>{@code
 * @Interop(strongSwan = true)
 * class SomeTest {
 *     @Test
 *     void ikev2() {
 *         // 192.0.2.1 and 192.0.2.2 on a veth; 10.1.0.1 and 10.2.0.1 on lo, inside the selectors
 *         try (TwoPeers peers = TwoPeers.create("left", "right")) {
 *             Charon a = peers.own(Charon.builder(peers.left()).log("ike", 4).start());
 *             Charon b = peers.own(Charon.builder(peers.right()).start());
 *             a.swanctl().load(leftConfig);            // a SwanctlConfig
 *             b.swanctl().load(rightConfig);
 *             a.swanctl().initiate("net", "v2", Duration.ofSeconds(10));
 *             IkeSa sa = b.swanctl().awaitChildSaInstalled("net", Duration.ofSeconds(10));
 *         }
 *     }
 * }
 * }</pre>
 * Other topologies (a NAT router, loss, IPv6) are built with {@link org.ike4j.testkit.TestNetwork}.
 * Everything is {@link java.lang.AutoCloseable}: closing stops the processes, deletes the
 * namespaces (after killing anything still inside) and the temp dirs. A JVM shutdown hook closes
 * whatever a crashed test left open. Failures and timeouts throw
 * {@link org.ike4j.testkit.TestKitException} (an {@link java.lang.AssertionError}) carrying the
 * tail of charon's log.
 *
 * <h2>Safety</h2>
 * Packets go only between namespaces the test created, to addresses of the documentation ranges
 * (192.0.2.0/24, 198.51.100.0/24) and 10.x inner addresses that exist only there. Sysctls and
 * nftables rules are set inside those namespaces only.
 *
 * <h2>charon's behaviour worth knowing</h2>
 * <ul>
 *   <li>The kernel has XFRM but no ESP, so ESP is done by {@code kernel-libipsec} in userspace
 *       over a TUN device {@code ipsec0} (one per namespace). It always UDP-encapsulates: charon
 *       pretends the peer is behind a NAT, so IKEv2 floats to port 4500 for IKE_AUTH and IKEv1
 *       from Main Mode's third exchange on; {@code list-sas} shows {@code nat-remote = yes}
 *       without a NAT and child SAs with {@code encap = yes}.</li>
 *   <li>kernel-libipsec routes the remote traffic selector through {@code ipsec0} in table 220,
 *       with an address of the local selector as source: the namespace must own one (on
 *       {@code lo} is enough). Debian's machine has no ping: the smoke test uses iperf3.</li>
 *   <li>Without libstrongswan-standard-plugins there is no openssl plugin: 3DES comes from
 *       gcrypt, X25519 from curve25519, MODP from gmp (see {@link org.ike4j.testkit.Charon#DEFAULT_PLUGINS}).</li>
 *   <li>libpcap hands packets to tshark in blocks: a capture stopped right after the last
 *       packet loses it, so {@link org.ike4j.testkit.Capture#stop()} waits
 *       {@link org.ike4j.testkit.Capture#DRAIN} first.</li>
 *   <li>tshark's decryption tables are UAT preferences ({@code -o uat:TABLE:...}); byte fields
 *       are written bare in hex, algorithm fields are Wireshark's menu texts in quotes.</li>
 * </ul>
 */
package org.ike4j.testkit;
