package org.ike4j.dataplane.xfrm;

import static org.ike4j.dataplane.xfrm.XfrmConstants.*;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.ike4j.crypto.Secret;
import org.ike4j.dataplane.netlink.Netlink;
import org.ike4j.dataplane.netlink.NlMessageBuilder;

/**
 * An SAD entry to install (XFRM_MSG_NEWSA with struct xfrm_usersa_info and the algorithm
 * attributes). One direction: packets from {@code source} to {@code destination} with this SPI.
 *
 * <pre>
 * xfrm_usersa_info: 0 sel (56)  56 id { daddr (16), spi (be32), proto }  80 saddr (16)
 *                   96 lft (cfg, 64)  160 curlft (32)  192 stats (12)  204 seq  208 reqid
 *                   212 family (u16)  214 mode  215 replay_window (u8)  216 flags   = 224 bytes
 * xfrm_algo:        0 alg_name[64]  64 alg_key_len (bits)  68 key
 * xfrm_algo_auth / xfrm_algo_aead: 0 alg_name[64]  64 alg_key_len  68 trunc/icv len (bits)  72 key
 * xfrm_encap_tmpl:  0 encap_type (u16)  2 sport (be16)  4 dport (be16)  8 encap_oa (16)  = 24 bytes
 * xfrm_replay_state_esn: 0 bmp_len  4 oseq  8 seq  12 oseq_hi  16 seq_hi  20 replay_window  24 bmp[]
 * </pre>
 *
 * The replay window: up to 255 packets without ESN fit the u8 in xfrm_usersa_info; with ESN
 * (RFC 4303 section 2.2.1) or a larger window the size goes into XFRMA_REPLAY_ESN_VAL instead
 * and the u8 stays 0. The bitmap is left to the kernel, which accepts the bare structure.
 *
 * @param selector the inner traffic the SA carries, or empty for any (tunnel mode leaves the check
 *                 to the policy)
 * @param encapsulation ESP in UDP (RFC 3948) with these ports, or empty
 */
public record XfrmState(InetAddress source, InetAddress destination, int spi, int protocol, boolean tunnel,
                        int reqid, Optional<XfrmSelector> selector, Lifetime lifetime, int replayWindow, boolean esn,
                        Optional<Algorithm> encryption, Optional<Algorithm> integrity, Optional<Algorithm> aead,
                        Optional<Encapsulation> encapsulation) {

    public XfrmState {
        if (source.getAddress().length != destination.getAddress().length) {
            throw new IllegalArgumentException("SA endpoints of different families: " + source + " " + destination);
        }
        if (replayWindow < 0 || replayWindow > 4096) {
            throw new IllegalArgumentException("replay window " + replayWindow + " (the kernel takes up to 4096)");
        }
        if (aead.isPresent() && (encryption.isPresent() || integrity.isPresent())) {
            throw new IllegalArgumentException("an AEAD SA has no separate cipher or integrity algorithm");
        }
    }

    /**
     * A kernel algorithm with its key: XFRMA_ALG_CRYPT ({@code lengthBits} 0), or XFRMA_ALG_AUTH_TRUNC
     * (truncation) / XFRMA_ALG_AEAD (ICV length).
     */
    public record Algorithm(String name, Secret key, int lengthBits) {
        public Algorithm {
            if (name.getBytes(StandardCharsets.US_ASCII).length >= ALG_NAME_LENGTH) {
                throw new IllegalArgumentException("algorithm name too long: " + name);
            }
        }

        @Override
        public String toString() {
            return name + (lengthBits > 0 ? "/" + lengthBits : "") + " key " + key.length() * 8 + " bits";
        }
    }

    /** Limits after which the kernel expires the SA (soft: warns, hard: deletes); 0 for none. */
    public record Lifetime(long softBytes, long hardBytes, long softPackets, long hardPackets,
                           long softSeconds, long hardSeconds) {
        public static final Lifetime NONE = new Lifetime(0, 0, 0, 0, 0, 0);
    }

    /** UDP_ENCAP_ESPINUDP from {@code sourcePort} to {@code destinationPort}. */
    public record Encapsulation(int sourcePort, int destinationPort) {
    }

    public int family() {
        return source instanceof Inet4Address ? AF_INET : AF_INET6;
    }

    /** How logs name it: {@code esp spi 0xc786011d 192.0.2.1 -> 192.0.2.2}. */
    public String id() {
        return (protocol == IPPROTO_ESP ? "esp" : protocol == IPPROTO_AH ? "ah" : "proto " + protocol)
                + String.format(" spi 0x%08x ", spi) + XfrmSelector.text(source) + " -> " + XfrmSelector.text(destination);
    }

    private static long limit(long value) {
        return value == 0 ? INFINITE : value;
    }

    /** XFRM_MSG_NEWSA. The request holds keys: the socket wipes it once sent. */
    NlMessageBuilder newState() {
        NlMessageBuilder m = new NlMessageBuilder(XFRM_MSG_NEWSA, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK,
                "XFRM_MSG_NEWSA " + id());
        ByteBuffer info = m.struct(SIZEOF_USERSA_INFO);
        selector.ifPresent(s -> s.encode(info, 0));
        XfrmSelector.putAddress(info, 56, destination);
        NlMessageBuilder.putBe32(info, 72, spi);
        info.put(76, (byte) protocol);
        XfrmSelector.putAddress(info, 80, source);
        info.putLong(96, limit(lifetime.softBytes()));
        info.putLong(104, limit(lifetime.hardBytes()));
        info.putLong(112, limit(lifetime.softPackets()));
        info.putLong(120, limit(lifetime.hardPackets()));
        info.putLong(128, lifetime.softSeconds());
        info.putLong(136, lifetime.hardSeconds());
        info.putInt(208, reqid);
        info.putShort(212, (short) family());
        info.put(214, (byte) (tunnel ? XFRM_MODE_TUNNEL : XFRM_MODE_TRANSPORT));
        boolean esnAttribute = esn || replayWindow > 255;
        info.put(215, (byte) (esnAttribute ? 0 : replayWindow));
        info.put(216, (byte) (esn ? XFRM_STATE_ESN : 0));

        aead.ifPresent(a -> algorithm(m, XFRMA_ALG_AEAD, a, true));
        encryption.ifPresent(a -> algorithm(m, XFRMA_ALG_CRYPT, a, false));
        integrity.ifPresent(a -> algorithm(m, XFRMA_ALG_AUTH_TRUNC, a, true));
        encapsulation.ifPresent(e -> {
            ByteBuffer encap = m.attribute(XFRMA_ENCAP, SIZEOF_ENCAP_TMPL);
            encap.putShort(0, (short) UDP_ENCAP_ESPINUDP);
            NlMessageBuilder.putBe16(encap, 2, e.sourcePort());
            NlMessageBuilder.putBe16(encap, 4, e.destinationPort());
        });
        if (esnAttribute) {
            ByteBuffer r = m.attribute(XFRMA_REPLAY_ESN_VAL, SIZEOF_REPLAY_STATE_ESN);
            r.putInt(0, (replayWindow + 31) / 32);     // bmp_len in 32-bit words
            r.putInt(20, replayWindow);
        }
        return m;
    }

    private static void algorithm(NlMessageBuilder m, int type, Algorithm a, boolean withLength) {
        byte[] key = a.key().reveal();
        try {
            int header = withLength ? SIZEOF_ALGO_AUTH : SIZEOF_ALGO;
            ByteBuffer b = m.attribute(type, header + key.length);
            b.put(0, a.name().getBytes(StandardCharsets.US_ASCII));
            b.putInt(64, key.length * 8);
            if (withLength) {
                b.putInt(68, a.lengthBits());
            }
            b.put(header, key);
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    /** XFRM_MSG_DELSA by destination, SPI and protocol (struct xfrm_usersa_id). */
    static NlMessageBuilder deleteState(InetAddress destination, int spi, int protocol) {
        NlMessageBuilder m = new NlMessageBuilder(XFRM_MSG_DELSA, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK,
                String.format("XFRM_MSG_DELSA spi 0x%08x to %s", spi, XfrmSelector.text(destination)));
        usersaId(m, destination, spi, protocol);
        return m;
    }

    /** XFRM_MSG_GETSA: the kernel answers with the SA and its current lifetime (counters). */
    static NlMessageBuilder getState(InetAddress destination, int spi, int protocol) {
        NlMessageBuilder m = new NlMessageBuilder(XFRM_MSG_GETSA, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK,
                String.format("XFRM_MSG_GETSA spi 0x%08x to %s", spi, XfrmSelector.text(destination)));
        usersaId(m, destination, spi, protocol);
        return m;
    }

    private static void usersaId(NlMessageBuilder m, InetAddress destination, int spi, int protocol) {
        ByteBuffer id = m.struct(SIZEOF_USERSA_ID);
        XfrmSelector.putAddress(id, 0, destination);
        NlMessageBuilder.putBe32(id, 16, spi);
        id.putShort(20, (short) (destination instanceof Inet4Address ? AF_INET : AF_INET6));
        id.put(22, (byte) protocol);
    }

    @Override
    public String toString() {
        return id() + " reqid " + reqid + (tunnel ? " tunnel" : " transport")
                + encryption.map(a -> " enc " + a).orElse("") + integrity.map(a -> " auth " + a).orElse("")
                + aead.map(a -> " aead " + a).orElse("") + (esn ? " esn" : "") + " replay " + replayWindow
                + encapsulation.map(e -> " espinudp " + e.sourcePort() + "->" + e.destinationPort()).orElse("");
    }
}
