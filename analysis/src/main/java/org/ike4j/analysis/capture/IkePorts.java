package org.ike4j.analysis.capture;

import java.util.List;
import java.util.TreeSet;

/**
 * The UDP ports a capture's IKE is read on: 500 (IKE, RFC 7296 section 2) and 4500 (NAT-T, with
 * the non-ESP marker, RFC 3948 section 2), and any more a capture needs, e.g. ike4j's demo on
 * 10500 and 14500 (what tshark's {@code -d udp.port==N,isakmp} does).
 *
 * @param ike ports carrying IKE messages directly
 * @param natT ports carrying IKE after a non-ESP marker, ESP in UDP and NAT-keepalives
 */
public record IkePorts(List<Integer> ike, List<Integer> natT) {

    /** 500 and 4500 only. */
    public static final IkePorts STANDARD = new IkePorts(List.of(500), List.of(4500));

    public IkePorts {
        ike = List.copyOf(new TreeSet<>(ike));
        natT = List.copyOf(new TreeSet<>(natT));
        for (int p : ike) {
            if (p < 1 || p > 65535 || natT.contains(p)) {
                throw new IllegalArgumentException("IKE port " + p + ": must be 1..65535 and not also a NAT-T port");
            }
        }
        for (int p : natT) {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("NAT-T port " + p + ": must be 1..65535");
            }
        }
    }

    /** These ports and 500/4500. */
    public static IkePorts standardAnd(List<Integer> moreIke, List<Integer> moreNatT) {
        List<Integer> ike = new java.util.ArrayList<>(STANDARD.ike);
        ike.addAll(moreIke);
        List<Integer> natT = new java.util.ArrayList<>(STANDARD.natT);
        natT.addAll(moreNatT);
        return new IkePorts(ike, natT);
    }

    boolean isIke(int port) {
        return has(ike, port);
    }

    boolean isNatT(int port) {
        return has(natT, port);
    }

    /** Without boxing the port: every UDP datagram of a capture asks twice or four times. */
    private static boolean has(List<Integer> ports, int port) {
        for (int i = 0, n = ports.size(); i < n; i++) {
            if (ports.get(i) == port) {
                return true;
            }
        }
        return false;
    }
}
