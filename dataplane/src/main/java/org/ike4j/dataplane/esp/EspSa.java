package org.ike4j.dataplane.esp;

import java.security.SecureRandom;
import java.util.function.Consumer;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.IpsecMode;
import org.ike4j.crypto.Crypto;
import org.ike4j.engine.ChildSa;

/**
 * Both directions of a negotiated ESP SA in tunnel mode, built from what the engine installs
 * ({@link ChildSa}): the outbound half seals with the peer's SPI and our keys toward it, the
 * inbound half opens with our SPI and the peer's keys toward us.
 */
public record EspSa(ChildSa sa, EspOutbound outbound, EspInbound inbound) {

    /** Anti-replay window when the SA names none: 64 packets, as the SRX in the seed. */
    public static final int DEFAULT_REPLAY_WINDOW = 64;

    /**
     * @throws IllegalArgumentException for AH, transport mode, or an SA without encryption
     */
    public static EspSa of(ChildSa sa, Crypto crypto, SecureRandom random, Consumer<EspEvent> events) {
        if (sa.protocol() != ChildProposal.Protocol.ESP) {
            throw new IllegalArgumentException(sa.protocol() + " is not supported by the userspace dataplane, only ESP");
        }
        if (sa.mode() != IpsecMode.TUNNEL) {
            throw new IllegalArgumentException(sa.mode() + " mode is not supported by the userspace dataplane, only tunnel");
        }
        EspSuite suite = new EspSuite(sa.encryption().orElseThrow(
                () -> new IllegalArgumentException("ESP SA without an encryption transform")), sa.integrity());
        Lifetime lifetime = Lifetime.ofHard(sa.lifetimeBytes(), sa.lifetimePackets());
        int window = sa.replayWindow() > 0 ? sa.replayWindow() : DEFAULT_REPLAY_WINDOW;
        EspOutbound out = new EspOutbound(sa.outboundSpi(), suite, sa.esn(), sa.outboundEncryptionKey(),
                sa.outboundIntegrityKey(), lifetime, crypto, random, events);
        EspInbound in = new EspInbound(sa.inboundSpi(), suite, sa.esn(), Math.min(window, ReplayWindow.MAX_SIZE),
                sa.inboundEncryptionKey(), sa.inboundIntegrityKey(), lifetime, crypto, events);
        return new EspSa(sa, out, in);
    }
}
