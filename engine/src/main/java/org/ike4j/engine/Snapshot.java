package org.ike4j.engine;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The engine's state as status commands show it, taken at one instant. Plain values only, so the
 * daemon can print them (strongSwan's {@code ipsec status}, Junos' {@code show security ...}) or
 * write them as JSON without reaching into the engine.
 *
 * @param atMillis engine clock when taken
 * @param connections the loaded connections
 * @param ikeSas every ISAKMP/IKE SA, established or being negotiated
 * @param childSas every IPsec SA pair
 */
public record Snapshot(long atMillis, List<ConnectionInfo> connections, List<IkeSaInfo> ikeSas,
        List<ChildSaInfo> childSas) {

    public Snapshot {
        connections = List.copyOf(connections);
        ikeSas = List.copyOf(ikeSas);
        childSas = List.copyOf(childSas);
    }

    /**
     * A loaded connection, in brief.
     *
     * @param name the connection's name
     * @param summary one line as {@code ipsec status} prints it, e.g.
     *     {@code 0.0.0.0/0===10.80.80.80[10.80.80.80]...10.80.80.13[10.80.80.13]===0.0.0.0/0}
     */
    public record ConnectionInfo(String name, String summary) {
    }

    /**
     * One ISAKMP SA (IKEv1) or IKE SA (IKEv2).
     *
     * @param serial a small number naming it in logs and status, as pluto's {@code #1}
     * @param connection its connection's name
     * @param ikeVersion 1 or 2
     * @param initiator true when we initiated it
     * @param state e.g. {@code MAIN_I4} / {@code ESTABLISHED}, as the engine names its states
     * @param established true once authenticated
     * @param exchange Main, Aggressive, or IKE_SA_INIT for IKEv2
     * @param initiatorSpi the initiator's cookie or SPI, hex
     * @param responderSpi the responder's cookie or SPI, hex
     * @param local our address and port
     * @param remote the peer's address and port
     * @param localId our identity as sent
     * @param remoteId the peer's identity as received
     * @param encryption e.g. {@code 3DES_CBC}, {@code AES_CBC_128}
     * @param integrity e.g. {@code HMAC_MD5_96}, empty with an AEAD
     * @param prf e.g. {@code HMAC_MD5}
     * @param dhGroup e.g. {@code MODP_1024}
     * @param authentication e.g. {@code pre-shared-keys}
     * @param natDetected whether a NAT was detected (and on which side, in words), empty if none
     * @param establishedAtMillis engine clock when established, 0 if not yet
     * @param rekeyAtMillis when it will be renewed, 0 for never
     * @param expiresAtMillis when it ends, 0 for never
     * @param bytesIn IKE bytes received on it
     * @param bytesOut IKE bytes sent on it
     * @param packetsIn IKE messages received on it
     * @param packetsOut IKE messages sent on it
     */
    public record IkeSaInfo(int serial, String connection, int ikeVersion, boolean initiator, String state,
            boolean established, String exchange, String initiatorSpi, String responderSpi, InetSocketAddress local,
            InetSocketAddress remote, String localId, String remoteId, String encryption, String integrity, String prf,
            String dhGroup, String authentication, String natDetected, long establishedAtMillis, long rekeyAtMillis,
            long expiresAtMillis, long bytesIn, long bytesOut, long packetsIn, long packetsOut) {
    }

    /**
     * One IPsec SA pair.
     *
     * @param serial a small number naming it, as pluto's {@code #2}
     * @param ikeSaSerial the serial of the ISAKMP/IKE SA that negotiated it
     * @param connection its connection's name
     * @param state e.g. {@code QUICK_I2}, {@code INSTALLED}
     * @param protocol ESP or AH
     * @param mode tunnel or transport
     * @param udpEncapsulation ESP in UDP
     * @param inboundSpi our SPI
     * @param outboundSpi the peer's SPI
     * @param encryption e.g. {@code AES_CBC_128}
     * @param integrity e.g. {@code HMAC_SHA1_96}
     * @param pfsGroup the Quick Mode / CREATE_CHILD_SA group, empty without PFS
     * @param localSelectors our side's proxy-IDs, e.g. {@code 0.0.0.0/0}
     * @param remoteSelectors the peer's side's proxy-IDs
     * @param installedAtMillis engine clock when installed
     * @param rekeyAtMillis when it will be renewed, 0 for never
     * @param expiresAtMillis when it ends (hard lifetime), 0 for never
     * @param lifetimeSeconds the lifetime agreed (after any RESPONDER-LIFETIME)
     * @param replayWindow anti-replay window
     * @param bytesIn bytes decrypted (from the dataplane, 0 without one)
     * @param bytesOut bytes encrypted
     * @param packetsIn packets decrypted
     * @param packetsOut packets encrypted
     * @param replayDrops inbound packets the anti-replay window dropped (RFC 4303 3.4.3; from the dataplane)
     * @param integrityFailures inbound packets whose ICV did not verify (RFC 4303 3.4.4)
     * @param otherDrops inbound packets dropped for anything else: length, padding, next header
     */
    public record ChildSaInfo(int serial, int ikeSaSerial, String connection, String state, String protocol,
            String mode, boolean udpEncapsulation, int inboundSpi, int outboundSpi, String encryption,
            String integrity, String pfsGroup, List<String> localSelectors, List<String> remoteSelectors,
            long installedAtMillis, long rekeyAtMillis, long expiresAtMillis, long lifetimeSeconds, int replayWindow,
            long bytesIn, long bytesOut, long packetsIn, long packetsOut, long replayDrops, long integrityFailures,
            long otherDrops) {

        public ChildSaInfo {
            localSelectors = List.copyOf(localSelectors);
            remoteSelectors = List.copyOf(remoteSelectors);
        }

        /** As the engine knows it: no drops (a dataplane fills them in, {@link #withTraffic}). */
        public ChildSaInfo(int serial, int ikeSaSerial, String connection, String state, String protocol,
                String mode, boolean udpEncapsulation, int inboundSpi, int outboundSpi, String encryption,
                String integrity, String pfsGroup, List<String> localSelectors, List<String> remoteSelectors,
                long installedAtMillis, long rekeyAtMillis, long expiresAtMillis, long lifetimeSeconds, int replayWindow,
                long bytesIn, long bytesOut, long packetsIn, long packetsOut) {
            this(serial, ikeSaSerial, connection, state, protocol, mode, udpEncapsulation, inboundSpi, outboundSpi,
                    encryption, integrity, pfsGroup, localSelectors, remoteSelectors, installedAtMillis, rekeyAtMillis,
                    expiresAtMillis, lifetimeSeconds, replayWindow, bytesIn, bytesOut, packetsIn, packetsOut, 0, 0, 0);
        }

        /** The same SA with a dataplane's counters. */
        public ChildSaInfo withTraffic(long bytesIn, long bytesOut, long packetsIn, long packetsOut, long replayDrops,
                long integrityFailures, long otherDrops) {
            return new ChildSaInfo(serial, ikeSaSerial, connection, state, protocol, mode, udpEncapsulation, inboundSpi,
                    outboundSpi, encryption, integrity, pfsGroup, localSelectors, remoteSelectors, installedAtMillis,
                    rekeyAtMillis, expiresAtMillis, lifetimeSeconds, replayWindow, bytesIn, bytesOut, packetsIn,
                    packetsOut, replayDrops, integrityFailures, otherDrops);
        }
    }
}
