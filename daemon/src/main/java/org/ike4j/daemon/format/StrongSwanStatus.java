package org.ike4j.daemon.format;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ike4j.engine.Snapshot;
import org.ike4j.engine.Snapshot.ChildSaInfo;
import org.ike4j.engine.Snapshot.ConnectionInfo;
import org.ike4j.engine.Snapshot.IkeSaInfo;

/**
 * {@code ipsec status} and {@code ipsec statusall} in the shape strongSwan 4's pluto printed them
 * (the seed's "Security Associations on server"): every line of the IKEv1 part behind
 * {@code 000}, connections first, then the states newest first, then the IKEv2 SAs under
 * "Security Associations:". Pure functions of a snapshot.
 */
public final class StrongSwanStatus {
    private static final String P = "000 ";

    private StrongSwanStatus() {
    }

    /** The {@code ipsec status} text. */
    public static String status(Snapshot s) {
        StringBuilder sb = new StringBuilder();
        for (ConnectionInfo c : s.connections()) {
            connection(sb, s, c);
        }
        sb.append(P).append('\n');
        boolean any = false;
        for (Object st : statesNewestFirst(s, 1)) {
            any = true;
            switch (st) {
                case ChildSaInfo c -> child(sb, s, c);
                case IkeSaInfo i -> ike(sb, s, i);
                default -> throw new AssertionError(st);
            }
        }
        if (any) {
            sb.append(P).append('\n');
        }
        ikev2(sb, s);
        return sb.toString();
    }

    /** The {@code ipsec statusall} text: the daemon, the connections' details, then {@link #status}. */
    public static String statusAll(DaemonInfo info, Snapshot s) {
        StringBuilder sb = new StringBuilder();
        Duration up = Duration.between(info.startedAt(), info.now()).truncatedTo(ChronoUnit.SECONDS);
        sb.append("Status of ike4j daemon (engine ").append(info.engine()).append(", dataplane ")
                .append(info.dataplane()).append("):\n");
        sb.append("  uptime: ").append(uptime(up)).append(", since ")
                .append(info.startedAt().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        sb.append("  control socket: ").append(info.controlSocket()).append('\n');
        sb.append("  configuration: ").append(String.join(", ", info.configFiles())).append('\n');
        sb.append("  dataplane SAs: ").append(info.installedSas()).append("; ESP with an unknown SPI dropped: ")
                .append(info.unknownSpiDrops()).append('\n');
        sb.append("Listening IP addresses:\n");
        for (String l : info.listening()) {
            sb.append("  ").append(l).append('\n');
        }
        sb.append("Connections: ").append(s.connections().size()).append('\n');
        sb.append(status(s));
        List<IkeSaInfo> ikes = s.ikeSas().stream().sorted(Comparator.comparingInt(IkeSaInfo::serial)).toList();
        if (!ikes.isEmpty() || !s.childSas().isEmpty()) {
            sb.append("Details:\n");
        }
        for (IkeSaInfo i : ikes) {
            sb.append(P).append('#').append(i.serial()).append(": \"").append(i.connection()).append("\" IKEv")
                    .append(i.ikeVersion()).append(' ').append(i.exchange()).append(' ')
                    .append(i.initiator() ? "initiator" : "responder").append("; SPIs ").append(i.initiatorSpi())
                    .append(':').append(i.responderSpi()).append("; ").append(addr(i.local())).append('[')
                    .append(i.localId()).append("]...").append(addr(i.remote())).append('[').append(i.remoteId())
                    .append("]\n");
            sb.append(P).append('#').append(i.serial()).append(": \"").append(i.connection()).append("\" ")
                    .append(join("/", i.encryption(), i.integrity(), i.prf(), i.dhGroup())).append("; auth ")
                    .append(i.authentication()).append("; NAT ")
                    .append(i.natDetected().isEmpty() ? "none" : i.natDetected()).append("; in ").append(i.bytesIn())
                    .append(" bytes/").append(i.packetsIn()).append(" packets, out ").append(i.bytesOut())
                    .append(" bytes/").append(i.packetsOut()).append(" packets\n");
        }
        for (ChildSaInfo c : s.childSas().stream().sorted(Comparator.comparingInt(ChildSaInfo::serial)).toList()) {
            sb.append(P).append('#').append(c.serial()).append(": \"").append(c.connection()).append("\" ")
                    .append(c.protocol()).append(' ').append(join("/", c.encryption(), c.integrity()))
                    .append("; PFS ").append(c.pfsGroup().isEmpty() ? "none" : c.pfsGroup()).append("; ")
                    .append(String.join(",", c.localSelectors())).append(" === ")
                    .append(String.join(",", c.remoteSelectors())).append("; lifetime ").append(c.lifetimeSeconds())
                    .append("s; replay window ").append(c.replayWindow())
                    .append(c.udpEncapsulation() ? "; UDP-encapsulated" : "").append("; in ").append(c.bytesIn())
                    .append(" bytes/").append(c.packetsIn()).append(" packets, out ").append(c.bytesOut())
                    .append(" bytes/").append(c.packetsOut()).append(" packets; dropped in: replay ")
                    .append(c.replayDrops()).append(", integrity ").append(c.integrityFailures()).append(", other ")
                    .append(c.otherDrops()).append('\n');
        }
        return sb.toString();
    }

    private static String uptime(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " seconds";
        }
        if (s < 7200) {
            return s / 60 + " minutes";
        }
        if (s < 2 * 86400) {
            return s / 3600 + " hours";
        }
        return s / 86400 + " days";
    }

    private static String join(String sep, String... parts) {
        List<String> l = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isEmpty()) {
                l.add(p);
            }
        }
        return String.join(sep, l);
    }

    private static void connection(StringBuilder sb, Snapshot s, ConnectionInfo c) {
        Optional<ChildSaInfo> owner = newestChild(s, c.name(), true);
        sb.append(P).append('"').append(c.name()).append("\": ").append(c.summary()).append("; ")
                .append(owner.isPresent() ? "erouted" : "unrouted").append("; eroute owner: #")
                .append(owner.map(ChildSaInfo::serial).orElse(0)).append('\n');
        int ike = newestIke(s, c.name()).map(IkeSaInfo::serial).orElse(0);
        int ipsec = newestChild(s, c.name(), false).map(ChildSaInfo::serial).orElse(0);
        sb.append(P).append('"').append(c.name()).append("\": newest ISAKMP SA: #").append(ike)
                .append("; newest IPsec SA: #").append(ipsec).append("; \n");
    }

    private static Optional<IkeSaInfo> newestIke(Snapshot s, String conn) {
        return s.ikeSas().stream().filter(i -> i.connection().equals(conn) && i.established())
                .max(Comparator.comparingInt(IkeSaInfo::serial));
    }

    /** The connection's newest IPsec SA; with {@code installed}, only one the dataplane has. */
    private static Optional<ChildSaInfo> newestChild(Snapshot s, String conn, boolean installed) {
        return s.childSas().stream()
                .filter(c -> c.connection().equals(conn) && (!installed || c.installedAtMillis() > 0))
                .max(Comparator.comparingInt(ChildSaInfo::serial));
    }

    /** IKE SAs of this version and their child SAs, by serial, newest first. */
    private static List<Object> statesNewestFirst(Snapshot s, int version) {
        List<Object> all = new ArrayList<>();
        s.ikeSas().stream().filter(i -> i.ikeVersion() == version).forEach(all::add);
        s.childSas().stream().filter(c -> ikeOf(s, c).map(i -> i.ikeVersion() == version).orElse(version == 1))
                .forEach(all::add);
        all.sort(Comparator.comparingInt((Object o) -> o instanceof IkeSaInfo i ? i.serial() : ((ChildSaInfo) o).serial())
                .reversed());
        return all;
    }

    private static Optional<IkeSaInfo> ikeOf(Snapshot s, ChildSaInfo c) {
        return s.ikeSas().stream().filter(i -> i.serial() == c.ikeSaSerial()).findFirst();
    }

    private static void ike(StringBuilder sb, Snapshot s, IkeSaInfo i) {
        sb.append(P).append('#').append(i.serial()).append(": \"").append(i.connection()).append("\" ")
                .append(stateName(i.state())).append(" (").append(describe(i.state(), i.established(), false))
                .append(')');
        event(sb, s, i.established(), i.rekeyAtMillis(), i.expiresAtMillis());
        if (newestIke(s, i.connection()).map(n -> n.serial() == i.serial()).orElse(false)) {
            sb.append("; newest ISAKMP");
        }
        sb.append('\n');
    }

    private static void child(StringBuilder sb, Snapshot s, ChildSaInfo c) {
        boolean established = c.installedAtMillis() > 0;
        sb.append(P).append('#').append(c.serial()).append(": \"").append(c.connection()).append("\" ")
                .append(stateName(c.state())).append(" (").append(describe(c.state(), established, true)).append(')');
        event(sb, s, established, c.rekeyAtMillis(), c.expiresAtMillis());
        if (newestChild(s, c.connection(), false).map(n -> n.serial() == c.serial()).orElse(false)) {
            sb.append("; newest IPSEC");
        }
        if (newestChild(s, c.connection(), true).map(n -> n.serial() == c.serial()).orElse(false)) {
            sb.append("; eroute owner");
        }
        sb.append('\n');
        Optional<IkeSaInfo> ike = ikeOf(s, c);
        String remote = ike.map(i -> host(i.remote())).orElse("%any");
        String local = ike.map(i -> host(i.local())).orElse("%any");
        String proto = c.protocol().toLowerCase(Locale.ROOT);
        sb.append(P).append('#').append(c.serial()).append(": \"").append(c.connection()).append("\" ")
                .append(proto).append('.').append(String.format("%08x", c.outboundSpi())).append('@').append(remote)
                .append(" (").append(c.bytesOut()).append(" bytes) ").append(proto).append('.')
                .append(String.format("%08x", c.inboundSpi())).append('@').append(local).append(" (")
                .append(c.bytesIn()).append(" bytes); ").append(c.mode().toLowerCase(Locale.ROOT)).append('\n');
    }

    private static void event(StringBuilder sb, Snapshot s, boolean established, long rekeyAt, long expiresAt) {
        if (established && rekeyAt > 0) {
            sb.append("; EVENT_SA_REPLACE in ").append(seconds(rekeyAt, s.atMillis())).append('s');
        } else if (expiresAt > 0) {
            sb.append("; EVENT_SA_EXPIRE in ").append(seconds(expiresAt, s.atMillis())).append('s');
        }
    }

    static long seconds(long atMillis, long nowMillis) {
        return Math.max(0, (atMillis - nowMillis) / 1000);
    }

    private static String stateName(String state) {
        return state.startsWith("STATE_") ? state : "STATE_" + state;
    }

    /** A few words on the state; the two from the seed as pluto wrote them, the rest generic. */
    private static String describe(String state, boolean established, boolean child) {
        String st = state.startsWith("STATE_") ? state.substring(6) : state;
        if (st.equals("QUICK_I2")) {
            return "sent QI2, IPsec SA established";
        }
        if (!established) {
            return "negotiating";
        }
        return child ? "IPsec SA established" : "ISAKMP SA established";
    }

    /** IKEv2 SAs, as charon lists them. */
    private static void ikev2(StringBuilder sb, Snapshot s) {
        List<IkeSaInfo> v2 = s.ikeSas().stream().filter(i -> i.ikeVersion() == 2)
                .sorted(Comparator.comparingInt(IkeSaInfo::serial)).toList();
        if (v2.isEmpty()) {
            sb.append("Security Associations:\n  none\n");
            return;
        }
        long up = v2.stream().filter(IkeSaInfo::established).count();
        sb.append("Security Associations (").append(up).append(" up, ").append(v2.size() - up)
                .append(" connecting):\n");
        for (IkeSaInfo i : v2) {
            sb.append(String.format("%12s[%d]: %s", i.connection(), i.serial(), i.established() ? "ESTABLISHED" : "CONNECTING"));
            if (i.established() && i.establishedAtMillis() > 0) {
                sb.append(' ').append(seconds(s.atMillis(), i.establishedAtMillis())).append(" seconds ago");
            }
            sb.append(", ").append(host(i.local())).append('[').append(i.localId()).append("]...")
                    .append(host(i.remote())).append('[').append(i.remoteId()).append("]\n");
            for (ChildSaInfo c : s.childSas()) {
                if (c.ikeSaSerial() != i.serial()) {
                    continue;
                }
                sb.append(String.format("%12s{%d}:  %s, %s, %s SPIs: %08x_i %08x_o\n", c.connection(), c.serial(),
                        c.state(), c.mode().toUpperCase(Locale.ROOT), c.protocol().toUpperCase(Locale.ROOT),
                        c.inboundSpi(), c.outboundSpi()));
                sb.append(String.format("%12s{%d}:   %s === %s\n", c.connection(), c.serial(),
                        String.join(" ", c.localSelectors()), String.join(" ", c.remoteSelectors())));
            }
        }
    }

    static String host(InetSocketAddress a) {
        return Addresses.host(a);
    }

    static String addr(InetSocketAddress a) {
        return Addresses.hostPort(a);
    }
}
