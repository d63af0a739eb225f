package org.ike4j.engine.v1;

import java.util.ArrayList;
import java.util.List;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.IkeVersion;
import org.ike4j.engine.Snapshot;
import org.ike4j.wire.v1.ExchangeType;

/** The engine's state as status commands show it: states named as pluto names them, algorithms by name. */
final class Ikev1Status {
    private Ikev1Status() {
    }

    static Snapshot snapshot(long now, Configuration configuration, List<IsakmpSa> sas, java.util.Set<String> held,
            java.util.Set<String> routed) {
        List<Snapshot.ConnectionInfo> conns = new ArrayList<>();
        for (Connection c : configuration.connections().values()) {
            if (c.ikeVersion() == IkeVersion.IKEV2) {
                continue;
            }
            conns.add(new Snapshot.ConnectionInfo(c.name(), ProxyIds.show(c.local().selectors()) + "==="
                    + c.local().address() + "[" + c.local().identity() + "]..." + c.remote().address() + "["
                    + c.remote().identity() + "]===" + ProxyIds.show(c.remote().selectors())
                    + (held.contains(c.name()) ? ", held (dpdaction=hold: the peer was dead; up or traffic negotiates again)" : "")
                    + (routed.contains(c.name()) ? ", routed (auto=route: traffic negotiates)" : "")));
        }
        List<Snapshot.IkeSaInfo> ike = new ArrayList<>();
        List<Snapshot.ChildSaInfo> child = new ArrayList<>();
        for (IsakmpSa sa : sas) {
            String integrity = sa.hash == null ? "" : switch (sa.hash) {
                case MD5 -> "HMAC_MD5_96";
                case SHA1 -> "HMAC_SHA1_96";
                case SHA2_256 -> "HMAC_SHA2_256_128";
                case SHA2_384 -> "HMAC_SHA2_384_192";
                case SHA2_512 -> "HMAC_SHA2_512_256";
            };
            ike.add(new Snapshot.IkeSaInfo(sa.serial, sa.connectionName(), 1, sa.initiator, sa.state, sa.established,
                    sa.exchange.code() == ExchangeType.ID_PROT.code() ? "Main" : "Aggressive", sa.initiatorCookie.hex(),
                    sa.responderCookie.hex(), sa.local, sa.remote, sa.localIdText, sa.remoteIdText,
                    sa.cipher == null ? "" : Ikev1Algorithms.name(sa.cipher), integrity,
                    sa.hash == null ? "" : sa.hash.hmac().name(), sa.group == null ? "" : sa.group.ianaName(),
                    "pre-shared-keys", NatDetectionTask.describe(sa), sa.establishedAt, sa.renewAt,
                    sa.established && sa.lifetimeSeconds > 0 ? sa.establishedAt + sa.lifetimeSeconds * 1000 : 0,
                    sa.bytesIn, sa.bytesOut, sa.packetsIn, sa.packetsOut));
            for (ChildState c : sa.children) {
                var s = c.sa;
                child.add(new Snapshot.ChildSaInfo(c.serial, sa.serial, s.connection(), c.state, s.protocol().name(),
                        s.mode().name(), s.udpEncapsulation(), s.inboundSpi(), s.outboundSpi(),
                        s.encryption().map(e -> e instanceof org.ike4j.config.Encryption.Cipher ci
                                ? Ikev1Algorithms.name(ci.algorithm()) : e.toString()).orElse(""),
                        s.integrity().map(Enum::name).orElse(""), c.pfsGroup == null ? "" : c.pfsGroup.ianaName(),
                        s.localSelectors().stream().map(ProxyIds::show).toList(),
                        s.remoteSelectors().stream().map(ProxyIds::show).toList(), c.installedAt,
                        s.softLifetimeSeconds() > 0 ? c.installedAt + s.softLifetimeSeconds() * 1000 : 0,
                        c.installedAt + c.lifetimeSeconds * 1000, c.lifetimeSeconds, s.replayWindow(), 0, 0, 0, 0));
            }
        }
        return new Snapshot(now, conns, ike, child);
    }
}
