package org.ike4j.dataplane.xfrm;

import static org.ike4j.dataplane.xfrm.XfrmConstants.*;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.ike4j.dataplane.netlink.Errno;
import org.ike4j.dataplane.netlink.Netlink;
import org.ike4j.dataplane.netlink.NetlinkException;
import org.ike4j.dataplane.netlink.NetlinkSocket;
import org.ike4j.dataplane.netlink.NlMessage;
import org.ike4j.dataplane.netlink.NlMessageBuilder;

/**
 * The kernel's SPD and SAD through a NETLINK_XFRM socket: install, list and remove policies and
 * SAs, and read an SA's counters. Every refusal throws a {@link NetlinkException} naming the
 * request; an SA the kernel cannot carry throws {@link KernelSupportException} naming what is
 * missing.
 */
public final class Xfrm implements AutoCloseable {
    private final NetlinkSocket socket;

    public Xfrm(NetlinkSocket socket) {
        if (socket.protocol() != Netlink.NETLINK_XFRM) {
            throw new IllegalArgumentException("XFRM needs a NETLINK_XFRM socket, not "
                    + NetlinkSocket.protocolName(socket.protocol()));
        }
        this.socket = socket;
    }

    /** XFRM in this process's network namespace. */
    public static Xfrm open() {
        return new Xfrm(NetlinkSocket.open(Netlink.NETLINK_XFRM));
    }

    /** XFRM in the network namespace of this file ({@code /run/netns/NAME}). */
    public static Xfrm openIn(Path namespace) {
        return new Xfrm(NetlinkSocket.openIn(namespace, Netlink.NETLINK_XFRM));
    }

    public void addPolicy(XfrmPolicy policy) {
        socket.execute(policy.newPolicy());
    }

    public void deletePolicy(XfrmSelector selector, XfrmPolicy.Direction direction) {
        socket.execute(XfrmPolicy.deletePolicy(selector, direction));
    }

    /** Every policy of the main SPD (a dump). */
    public List<XfrmPolicy> policies() {
        NlMessageBuilder m = new NlMessageBuilder(XFRM_MSG_GETPOLICY, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP,
                "XFRM_MSG_GETPOLICY dump");
        return socket.exchange(m).stream().filter(r -> r.type() == XFRM_MSG_NEWPOLICY).map(XfrmPolicy::decode).toList();
    }

    /**
     * Installs an SA. EPROTONOSUPPORT means the kernel has no handler for the protocol (no esp4 or
     * esp6); ENOSYS or ENOENT on an algorithm attribute means its crypto API lacks that algorithm.
     */
    public void addState(XfrmState state) {
        NlMessageBuilder request = state.newState();
        String what = request.description();
        try {
            socket.execute(request);
        } catch (KernelSupportException e) {
            throw e;
        } catch (NetlinkException e) {
            throw translate(state, what, e);
        }
    }

    static NetlinkException translate(XfrmState state, String request, NetlinkException e) {
        String kernel = e.kernelMessage().orElse(null);
        String sa = "kernel refused the " + (state.protocol() == IPPROTO_ESP ? "ESP" : "AH") + " SA " + state.id();
        boolean v4 = state.source() instanceof Inet4Address;
        if (e.errno() == Errno.EPROTONOSUPPORT) {
            String config = state.protocol() == IPPROTO_ESP ? (v4 ? "CONFIG_INET_ESP" : "CONFIG_INET6_ESP")
                    : (v4 ? "CONFIG_INET_AH" : "CONFIG_INET6_AH");
            String module = state.protocol() == IPPROTO_ESP ? (v4 ? "esp4" : "esp6") : (v4 ? "ah4" : "ah6");
            return new KernelSupportException(request, e.errno(), kernel, config, sa
                    + ": protocol not supported - the kernel has no " + module + " module (" + config
                    + "); use --dataplane userspace");
        }
        if (e.errno() == Errno.ENOSYS || e.errno() == Errno.ENOENT) {
            String algorithms = String.join(", ", state.aead().or(state::encryption).map(XfrmState.Algorithm::name).stream().toList())
                    + state.integrity().map(a -> ", " + a.name()).orElse("");
            return new KernelSupportException(request, e.errno(), kernel, "crypto " + algorithms, sa
                    + ": the kernel's crypto API lacks an algorithm of this SA (" + algorithms + ")"
                    + "; use --dataplane userspace or another proposal");
        }
        return e;
    }

    /**
     * Removes the larval SA the kernel made for an acquire (it has no SPI, so no DELSA can name it):
     * XFRM_MSG_ALLOCSPI finds it by the acquire's {@code seq} and gives it an SPI, then
     * XFRM_MSG_DELSA deletes it by that SPI. Without this it would stay until
     * {@code net.core.xfrm_acq_expires} (30 s by default). Should the kernel no longer have it,
     * ALLOCSPI makes a fresh larval SA for the same reqid and addresses, which goes the same way.
     *
     * @return the SPI the larval SA had when deleted
     */
    public int deleteLarval(XfrmEvent.Acquire acquire) {
        List<NlMessage> replies = socket.exchange(allocSpi(acquire));
        XfrmStateInfo larval = replies.stream().filter(r -> r.type() == XFRM_MSG_NEWSA).findFirst()
                .map(XfrmStateInfo::decode)
                .orElseThrow(() -> new IllegalStateException("XFRM_MSG_ALLOCSPI: no SA in the kernel's answer"));
        deleteState(larval.destination(), larval.spi(), larval.protocol());
        return larval.spi();
    }

    /**
     * XFRM_MSG_ALLOCSPI (struct xfrm_userspi_info: xfrm_usersa_info (224), then min and max SPI):
     * the state is named by id.daddr (56), id.proto (76), saddr (80), seq (204), reqid (208),
     * family (212) and mode (214).
     */
    static NlMessageBuilder allocSpi(XfrmEvent.Acquire acquire) {
        NlMessageBuilder m = new NlMessageBuilder(XFRM_MSG_ALLOCSPI, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK,
                "XFRM_MSG_ALLOCSPI for the acquire seq " + Integer.toUnsignedString(acquire.seq()) + " to "
                        + XfrmSelector.text(acquire.destination()));
        ByteBuffer b = m.struct(SIZEOF_USERSA_INFO + 8);
        XfrmSelector.putAddress(b, 56, acquire.destination());
        b.put(76, (byte) acquire.protocol());
        XfrmSelector.putAddress(b, 80, acquire.source());
        b.putInt(204, acquire.seq());
        b.putInt(208, acquire.reqid());
        b.putShort(212, (short) (acquire.destination() instanceof Inet4Address ? AF_INET : AF_INET6));
        boolean tunnel = acquire.policy().templates().isEmpty() || acquire.policy().templates().getFirst().tunnel();
        b.put(214, (byte) (tunnel ? XFRM_MODE_TUNNEL : XFRM_MODE_TRANSPORT));
        // SPIs below 256 are reserved (RFC 4303 section 2.1)
        b.putInt(SIZEOF_USERSA_INFO, 0x100);
        b.putInt(SIZEOF_USERSA_INFO + 4, 0xffffffff);
        return m;
    }

    public void deleteState(InetAddress destination, int spi, int protocol) {
        socket.execute(XfrmState.deleteState(destination, spi, protocol));
    }

    /** The SA's counters, or empty if the kernel has no such SA (ESRCH). */
    public Optional<XfrmStateInfo> getState(InetAddress destination, int spi, int protocol) {
        try {
            List<NlMessage> replies = socket.exchange(XfrmState.getState(destination, spi, protocol));
            return replies.stream().filter(r -> r.type() == XFRM_MSG_NEWSA).findFirst().map(XfrmStateInfo::decode);
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ESRCH || e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every SA (a dump), without keys. */
    public List<XfrmStateInfo> states() {
        NlMessageBuilder m = new NlMessageBuilder(XFRM_MSG_GETSA, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP,
                "XFRM_MSG_GETSA dump");
        return socket.exchange(m).stream().filter(r -> r.type() == XFRM_MSG_NEWSA).map(XfrmStateInfo::decode).toList();
    }

    @Override
    public void close() {
        socket.close();
    }
}
