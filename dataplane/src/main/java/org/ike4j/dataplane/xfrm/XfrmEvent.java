package org.ike4j.dataplane.xfrm;

import java.net.InetAddress;
import java.util.List;

/** What the kernel's XFRM tells its key managers unasked (linux/xfrm.h: XFRMNLGRP_ACQUIRE, XFRMNLGRP_EXPIRE). */
public sealed interface XfrmEvent {

    /**
     * XFRM_MSG_ACQUIRE (struct xfrm_user_acquire): a packet matched a policy whose template has no
     * SA yet - the key manager should negotiate one (an on-demand tunnel, {@code auto=route}).
     *
     * @param packet the selector of the packet that triggered it (its own addresses and ports)
     * @param policy the policy it matched, with its templates (reqid, outer addresses)
     * @param source outer source address for the SA ({@code saddr})
     * @param destination outer destination address ({@code id.daddr})
     * @param protocol ESP (50) or AH (51)
     * @param seq the kernel's sequence for this acquire, which the SA may carry back
     * @param policyIndex the index the kernel gave the policy ({@code ip xfrm policy} shows it)
     */
    record Acquire(XfrmSelector packet, XfrmPolicy policy, InetAddress source, InetAddress destination, int protocol,
                   int seq, int policyIndex) implements XfrmEvent {
        /** The reqid of the first template, which ties the policy to the connection. */
        public int reqid() {
            List<XfrmPolicy.Template> t = policy.templates();
            return t.isEmpty() ? 0 : t.getFirst().reqid();
        }
    }

    /**
     * XFRM_MSG_EXPIRE (struct xfrm_user_expire): an SA reached a soft limit (rekey now) or a hard
     * one (the kernel has deleted it).
     */
    record Expire(XfrmStateInfo state, boolean hard) implements XfrmEvent {
    }
}
