package org.ike4j.engine.v2;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.IkeVersion;
import org.ike4j.engine.Snapshot;

/** The IKEv2 SAs as status commands show them, with the algorithm names charon prints. */
final class Ikev2Status {
    private Ikev2Status() {
    }

    static Snapshot snapshot(long now, Configuration configuration, List<IkeSa> sas, java.util.Set<String> held) {
        List<Snapshot.ConnectionInfo> conns = new ArrayList<>();
        for (Connection c : configuration.connections().values()) {
            if (c.ikeVersion() == IkeVersion.IKEV1) {
                continue;
            }
            conns.add(new Snapshot.ConnectionInfo(c.name(), Selectors.show(c.local().selectors()) + "==="
                    + c.local().address() + "[" + c.local().identity() + "]..." + c.remote().address() + "["
                    + c.remote().identity() + "]===" + Selectors.show(c.remote().selectors())
                    + (c.ikeVersion() == IkeVersion.ANY ? ", IKEv2 (initiates IKEv2, answers IKEv1 and IKEv2)" : ", IKEv2")
                    + (held.contains(c.name()) && sas.stream().noneMatch(sa -> sa.connectionName().equals(c.name()))
                            ? ", held (dpdaction=hold: the peer was dead; up or traffic negotiates again)" : "")));
        }
        List<Snapshot.IkeSaInfo> ike = new ArrayList<>();
        List<Snapshot.ChildSaInfo> child = new ArrayList<>();
        for (IkeSa sa : sas) {
            var s = sa.suite;
            ike.add(new Snapshot.IkeSaInfo(sa.serial, sa.connectionName(), 2, sa.initiator, sa.state.name(), sa.established,
                    "IKE_SA_INIT", String.format("%016x", sa.spiI), String.format("%016x", sa.spiR), sa.local, sa.remote,
                    sa.localIdText, sa.remoteIdText, s == null ? "" : Ikev2Algorithms.encryptionName(s.encryption()),
                    s == null ? "" : s.integrity().map(Enum::name).orElse(""), s == null ? "" : s.prf().name(),
                    s == null ? "" : s.group().ianaName(), "pre-shared-keys", nat(sa), sa.establishedAt, sa.rekeyAt,
                    sa.expiresAt, sa.bytesIn, sa.bytesOut, sa.packetsIn, sa.packetsOut));
            for (ChildState c : sa.children) {
                var p = c.sa;
                child.add(new Snapshot.ChildSaInfo(c.serial, sa.serial, p.connection(), c.state, p.protocol().name(),
                        p.mode().name(), p.udpEncapsulation(), p.inboundSpi(), p.outboundSpi(),
                        p.encryption().map(Ikev2Algorithms::encryptionName).orElse(""),
                        p.integrity().map(Enum::name).orElse(""), c.suite.group().map(g -> g.ianaName()).orElse(""),
                        p.localSelectors().stream().map(Object::toString).toList(),
                        p.remoteSelectors().stream().map(Object::toString).toList(), c.installedAt, c.rekeyAt,
                        c.expiresAt, c.lifetimeSeconds, p.replayWindow(), 0, 0, 0, 0));
            }
        }
        return new Snapshot(now, conns, ike, child);
    }

    private static String nat(IkeSa sa) {
        if (sa.natLocal && sa.natRemote) {
            return "both sides behind a NAT";
        }
        if (sa.natLocal) {
            return "we are behind a NAT";
        }
        if (sa.natRemote) {
            return "the peer is behind a NAT";
        }
        return "";
    }
}
