package org.ike4j.dataplane.xfrm;

/**
 * Numbers of the XFRM netlink interface, from the kernel's UAPI header {@code linux/xfrm.h}
 * (linux-libc-dev 6.1, the fact source); structure offsets were checked against it with
 * {@code offsetof}/{@code sizeof} on x86_64 and are written out where each structure is encoded.
 */
final class XfrmConstants {
    static final int XFRM_MSG_NEWSA = 0x10;
    static final int XFRM_MSG_DELSA = 0x11;
    static final int XFRM_MSG_GETSA = 0x12;
    static final int XFRM_MSG_NEWPOLICY = 0x13;
    static final int XFRM_MSG_DELPOLICY = 0x14;
    static final int XFRM_MSG_GETPOLICY = 0x15;
    static final int XFRM_MSG_ALLOCSPI = 0x16;

    static final int XFRMA_ALG_AUTH = 1;
    static final int XFRMA_ALG_CRYPT = 2;
    static final int XFRMA_ENCAP = 4;
    static final int XFRMA_TMPL = 5;
    static final int XFRMA_LTIME_VAL = 9;
    static final int XFRMA_ALG_AEAD = 18;
    static final int XFRMA_ALG_AUTH_TRUNC = 20;
    static final int XFRMA_REPLAY_ESN_VAL = 23;

    static final int XFRM_STATE_ESN = 128;
    static final int XFRM_MODE_TRANSPORT = 0;
    static final int XFRM_MODE_TUNNEL = 1;
    /** linux/udp.h: UDP_ENCAP_ESPINUDP, RFC 3948 (no non-IKE marker). */
    static final int UDP_ENCAP_ESPINUDP = 2;

    static final int SIZEOF_SELECTOR = 56;
    static final int SIZEOF_LIFETIME_CFG = 64;
    static final int SIZEOF_LIFETIME_CUR = 32;
    static final int SIZEOF_USERSA_INFO = 224;
    static final int SIZEOF_USERSA_ID = 24;
    static final int SIZEOF_USERPOLICY_INFO = 168;
    static final int SIZEOF_USERPOLICY_ID = 64;
    static final int SIZEOF_USER_TMPL = 64;
    static final int SIZEOF_ENCAP_TMPL = 24;
    static final int SIZEOF_ALGO = 68;
    static final int SIZEOF_ALGO_AUTH = 72;
    static final int SIZEOF_REPLAY_STATE_ESN = 24;
    static final int ALG_NAME_LENGTH = 64;

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int IPPROTO_ESP = 50;
    static final int IPPROTO_AH = 51;

    /** XFRM_INF: no limit. */
    static final long INFINITE = -1L;

    private XfrmConstants() {
    }
}
