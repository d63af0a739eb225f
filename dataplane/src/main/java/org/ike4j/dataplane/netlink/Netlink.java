package org.ike4j.dataplane.netlink;

/**
 * Constants of the netlink protocol itself (linux/netlink.h, a fact source): the header flags and
 * the control message types every family shares.
 *
 * <pre>
 * struct nlmsghdr {          16 bytes, host byte order
 *     __u32 nlmsg_len;       header + payload, before the padding to 4
 *     __u16 nlmsg_type;
 *     __u16 nlmsg_flags;
 *     __u32 nlmsg_seq;
 *     __u32 nlmsg_pid;
 * };
 * struct nlattr { __u16 nla_len; __u16 nla_type; }   then the value, padded to 4
 * </pre>
 */
public final class Netlink {
    public static final int NETLINK_ROUTE = 0;
    public static final int NETLINK_XFRM = 6;

    public static final int HEADER_LENGTH = 16;
    public static final int ALIGNTO = 4;

    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;

    public static final int NLM_F_REQUEST = 0x01;
    public static final int NLM_F_MULTI = 0x02;
    public static final int NLM_F_ACK = 0x04;
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    /** In an NLMSG_ERROR: the original request was not echoed back (NETLINK_CAP_ACK). */
    public static final int NLM_F_CAPPED = 0x100;
    /** In an NLMSG_ERROR: extended ACK attributes follow. */
    public static final int NLM_F_ACK_TLVS = 0x200;

    /** Extended ACK attribute: a NUL-terminated message from the kernel. */
    public static final int NLMSGERR_ATTR_MSG = 1;

    /** Attribute type flags that are not part of the type. */
    public static final int NLA_TYPE_MASK = 0x3fff;

    private Netlink() {
    }

    public static int align(int length) {
        return (length + ALIGNTO - 1) & ~(ALIGNTO - 1);
    }
}
