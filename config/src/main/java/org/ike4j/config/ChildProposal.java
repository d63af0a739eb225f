package org.ike4j.config;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.IntegrityAlgorithm;

/**
 * One ESP or AH proposal (IKEv1 Quick Mode, RFC 2407 section 4.4; IKEv2 CREATE_CHILD_SA and
 * IKE_AUTH, RFC 7296 section 3.3). {@code pfsGroups} empty means no PFS; {@code esn} lists the
 * extended sequence number options offered (RFC 4303 section 2.2.1), in preference order.
 */
public record ChildProposal(Protocol protocol, List<Encryption> encryption, List<IntegrityAlgorithm> integrity,
                            List<DhGroup> pfsGroups, List<Esn> esn) {

    public enum Protocol { ESP, AH }

    public enum Esn { NO_ESN, ESN }

    public ChildProposal {
        encryption = List.copyOf(encryption);
        integrity = List.copyOf(integrity);
        pfsGroups = List.copyOf(pfsGroups);
        esn = esn.isEmpty() ? List.of(Esn.NO_ESN) : List.copyOf(esn);
        if (protocol == Protocol.AH && !encryption.isEmpty()) {
            throw new IllegalArgumentException("AH does not encrypt");
        }
    }

    public boolean pfs() {
        return !pfsGroups.isEmpty();
    }

    /** The same proposal with other PFS groups. */
    public ChildProposal withPfsGroups(List<DhGroup> groups) {
        return new ChildProposal(protocol, encryption, integrity, groups, esn);
    }

    @Override
    public String toString() {
        List<Object> rest = new ArrayList<>(pfsGroups);
        rest.addAll(esn);
        return protocol + ":" + join(encryption, integrity, rest);
    }

    static String join(List<?>... lists) {
        StringJoiner j = new StringJoiner("/");
        for (List<?> l : lists) {
            for (Object o : l) {
                j.add(o.toString());
            }
        }
        return j.toString();
    }
}
