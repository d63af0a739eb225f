package org.ike4j.engine;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.Encryption;
import org.ike4j.config.IpsecMode;
import org.ike4j.config.TrafficSelector;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Secret;

/**
 * A negotiated IPsec SA pair as the dataplane installs it: both directions' SPIs and keys, the
 * algorithms, the traffic selectors and the lifetimes. "Inbound" is what the peer sends to us
 * (our SPI, the peer's keys toward us); "outbound" is what we send (the peer's SPI).
 *
 * @param connection the connection's name
 * @param reqid ties the pair to its policy, as the kernel's reqid does
 * @param protocol ESP or AH
 * @param mode tunnel or transport
 * @param udpEncapsulation ESP in UDP (RFC 3948), as after a NAT-T float
 * @param local our outer address and port (the port matters with UDP encapsulation)
 * @param remote the peer's outer address and port
 * @param inboundSpi the SPI we chose, the peer puts on packets to us
 * @param outboundSpi the SPI the peer chose, we put on packets to it
 * @param encryption the cipher or AEAD (empty for AH)
 * @param integrity the integrity algorithm (empty with an AEAD)
 * @param esn extended sequence numbers
 * @param inboundEncryptionKey key (and salt) of the inbound direction, possibly empty
 * @param inboundIntegrityKey integrity key of the inbound direction, possibly empty
 * @param outboundEncryptionKey key (and salt) of the outbound direction
 * @param outboundIntegrityKey integrity key of the outbound direction
 * @param localSelectors our side's traffic selectors (proxy-IDs)
 * @param remoteSelectors the peer's side's traffic selectors
 * @param softLifetimeSeconds when to rekey, 0 for never
 * @param hardLifetimeSeconds when to delete, 0 for never
 * @param lifetimeBytes hard byte limit, 0 for none
 * @param lifetimePackets hard packet limit, 0 for none
 * @param replayWindow anti-replay window in packets, 0 for none
 */
public record ChildSa(
        String connection,
        int reqid,
        ChildProposal.Protocol protocol,
        IpsecMode mode,
        boolean udpEncapsulation,
        InetSocketAddress local,
        InetSocketAddress remote,
        int inboundSpi,
        int outboundSpi,
        Optional<Encryption> encryption,
        Optional<IntegrityAlgorithm> integrity,
        boolean esn,
        Secret inboundEncryptionKey,
        Secret inboundIntegrityKey,
        Secret outboundEncryptionKey,
        Secret outboundIntegrityKey,
        List<TrafficSelector> localSelectors,
        List<TrafficSelector> remoteSelectors,
        long softLifetimeSeconds,
        long hardLifetimeSeconds,
        long lifetimeBytes,
        long lifetimePackets,
        int replayWindow) {

    public ChildSa {
        localSelectors = List.copyOf(localSelectors);
        remoteSelectors = List.copyOf(remoteSelectors);
    }

    /** The SPIs as the logs and status print them: {@code esp.5ef52687 / esp.c786011d}. */
    public String spis() {
        String p = protocol.name().toLowerCase(java.util.Locale.ROOT);
        return String.format("%s.%08x (in) / %s.%08x (out)", p, inboundSpi, p, outboundSpi);
    }
}
