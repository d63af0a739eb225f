package org.ike4j.daemon.format;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.ike4j.engine.Snapshot;
import org.ike4j.engine.Snapshot.ChildSaInfo;
import org.ike4j.engine.Snapshot.IkeSaInfo;

/**
 * Junos' {@code show security ike security-associations [detail]} and
 * {@code show security ipsec security-associations [detail]}, in the shape the SRX prints them
 * (the seed's "Security Associations on SRX-13"). Pure functions of a snapshot. Counters the
 * engine does not keep (negotiation and failure counts, tunnel-down reasons, bind interfaces)
 * are left out rather than made up.
 */
public final class JunosShow {
    /** The SRX numbers IPsec tunnels from 131073 (0x20001); ike4j adds the SA serial to 0x20000. */
    static final int TUNNEL_ID_BASE = 0x20000;

    private JunosShow() {
    }

    public static String ike(Snapshot s, boolean detail) {
        List<IkeSaInfo> sas = s.ikeSas().stream().sorted(Comparator.comparingInt(IkeSaInfo::serial)).toList();
        StringBuilder sb = new StringBuilder();
        if (!detail) {
            sb.append(String.format("%-8s%-7s%-18s%-18s%-15s%s\n", "Index", "State", "Initiator cookie",
                    "Responder cookie", "Mode", "Remote Address"));
            for (IkeSaInfo i : sas) {
                sb.append(String.format("%-8d%-7s%-18s%-18s%-15s%s\n", i.serial(), state(i), i.initiatorSpi(),
                        i.responderSpi(), mode(i), StrongSwanStatus.host(i.remote())));
            }
            return sb.toString();
        }
        for (IkeSaInfo i : sas) {
            List<ChildSaInfo> children = s.childSas().stream().filter(c -> c.ikeSaSerial() == i.serial()).toList();
            long inProgress = children.stream().filter(c -> c.installedAtMillis() == 0).count();
            String role = i.initiator() ? "Initiator" : "Responder";
            String local = StrongSwanStatus.addr(i.local());
            String remote = StrongSwanStatus.addr(i.remote());
            sb.append("IKE peer ").append(StrongSwanStatus.host(i.remote())).append(", Index ").append(i.serial())
                    .append(", Gateway Name: ").append(i.connection()).append('\n');
            sb.append("  Role: ").append(role).append(", State: ").append(state(i)).append('\n');
            sb.append("  Initiator cookie: ").append(i.initiatorSpi()).append(", Responder cookie: ")
                    .append(i.responderSpi()).append('\n');
            sb.append("  Exchange type: ").append(mode(i)).append(", Authentication method: ")
                    .append(JunosNames.authentication(i.authentication())).append('\n');
            sb.append("  Local: ").append(local).append(", Remote: ").append(remote).append('\n');
            sb.append("  Lifetime: ").append(expires(s, i.expiresAtMillis())).append('\n');
            sb.append("  Peer ike-id: ").append(i.remoteId()).append('\n');
            sb.append("  Xauth assigned IP: 0.0.0.0\n");
            sb.append("  Algorithms:\n");
            sb.append("   Authentication        : ").append(JunosNames.integrity(i.integrity())).append('\n');
            sb.append("   Encryption            : ").append(JunosNames.ikeEncryption(i.encryption())).append('\n');
            sb.append("   Pseudo random function: ").append(JunosNames.integrity(i.prf())).append('\n');
            sb.append("   Diffie-Hellman group  : ").append(JunosNames.dhGroup(i.dhGroup())).append('\n');
            sb.append("  Traffic statistics:\n");
            sb.append(String.format("   Input  bytes  : %20d\n", i.bytesIn()));
            sb.append(String.format("   Output bytes  : %20d\n", i.bytesOut()));
            sb.append(String.format("   Input  packets: %20d\n", i.packetsIn()));
            sb.append(String.format("   Output packets: %20d\n", i.packetsOut()));
            String flags = i.established() ? "IKE SA is created" : "IKE SA negotiation in progress";
            sb.append("  Flags: ").append(flags).append('\n');
            sb.append("  IPSec security associations: ").append(children.size() - inProgress)
                    .append(" created, 0 deleted\n");
            sb.append("  Phase 2 negotiations in progress: ").append(inProgress).append('\n');
            if (!children.isEmpty()) {
                sb.append('\n');
                sb.append("    Negotiation type: ").append(i.ikeVersion() == 1 ? "Quick mode" : "CREATE_CHILD_SA")
                        .append(", Role: ").append(role).append(", Message ID: 0\n");
                sb.append("    Local: ").append(local).append(", Remote: ").append(remote).append('\n');
                sb.append("    Local identity: ").append(i.localId()).append('\n');
                sb.append("    Remote identity: ").append(i.remoteId()).append('\n');
                sb.append("    Flags: ").append(flags).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public static String ipsec(Snapshot s, boolean detail) {
        List<ChildSaInfo> sas = s.childSas().stream().sorted(Comparator.comparingInt(ChildSaInfo::serial)).toList();
        StringBuilder sb = new StringBuilder();
        if (!detail) {
            long active = sas.stream().filter(c -> c.installedAtMillis() > 0).count();
            sb.append("  Total active tunnels: ").append(active).append('\n');
            sb.append(String.format("  %-8s%-21s%-9s%-13s%-4s%-5s%-6s%s\n", "ID", "Algorithm", "SPI", "Life:sec/kb",
                    "Mon", "lsys", "Port", "Gateway"));
            for (ChildSaInfo c : sas) {
                Optional<IkeSaInfo> ike = ikeOf(s, c);
                String alg = c.protocol() + ":" + JunosNames.shortEncryption(c.encryption()) + "/"
                        + JunosNames.shortIntegrity(c.integrity());
                String life = (c.expiresAtMillis() > 0 ? Long.toString(StrongSwanStatus.seconds(c.expiresAtMillis(),
                        s.atMillis())) : "unlim") + "/ unlim";
                String port = ike.map(i -> i.remote() == null ? "-" : Integer.toString(i.remote().getPort())).orElse("-");
                String gw = ike.map(i -> StrongSwanStatus.host(i.remote())).orElse("-");
                for (boolean in : new boolean[] {true, false}) {
                    sb.append(String.format("  %-8s%-21s%08x %-13s%-4s%-5s%-6s%s\n", (in ? "<" : ">")
                            + (TUNNEL_ID_BASE + c.serial()), alg, in ? c.inboundSpi() : c.outboundSpi(), life, "-",
                            "root", port, gw));
                }
            }
            return sb.toString();
        }
        for (ChildSaInfo c : sas) {
            Optional<IkeSaInfo> ike = ikeOf(s, c);
            sb.append("  ID: ").append(TUNNEL_ID_BASE + c.serial()).append(" Virtual-system: root, VPN Name: ")
                    .append(c.connection()).append('\n');
            sb.append("  Local Gateway: ").append(ike.map(i -> StrongSwanStatus.host(i.local())).orElse("-"))
                    .append(", Remote Gateway: ").append(ike.map(i -> StrongSwanStatus.host(i.remote())).orElse("-"))
                    .append('\n');
            sb.append("  Local Identity: ").append(identities(c.localSelectors())).append('\n');
            sb.append("  Remote Identity: ").append(identities(c.remoteSelectors())).append('\n');
            sb.append("  Version: IKEv").append(ike.map(IkeSaInfo::ikeVersion).orElse(1)).append('\n');
            sb.append("  Port: ").append(ike.map(i -> i.remote() == null ? "-" : Integer.toString(i.remote().getPort()))
                    .orElse("-")).append('\n');
            for (boolean in : new boolean[] {true, false}) {
                sb.append("    Direction: ").append(in ? "inbound" : "outbound").append(", SPI: ")
                        .append(String.format("%08x", in ? c.inboundSpi() : c.outboundSpi())).append(", AUX-SPI: 0\n")
                        .append("                              , VPN Monitoring: -\n");
                sb.append("    Hard lifetime: ").append(expires(s, c.expiresAtMillis())).append('\n');
                sb.append("    Lifesize Remaining:  Unlimited\n");
                if (c.rekeyAtMillis() > 0) {
                    sb.append("    Soft lifetime: ").append(expires(s, c.rekeyAtMillis())).append('\n');
                }
                sb.append("    Mode: ").append(capital(c.mode())).append("(0 0), Type: dynamic, State: ")
                        .append(c.installedAtMillis() > 0 ? "installed" : "negotiating").append('\n');
                sb.append("    Protocol: ").append(c.protocol()).append(", Authentication: ")
                        .append(JunosNames.integrity(c.integrity())).append(", Encryption: ")
                        .append(JunosNames.ipsecEncryption(c.encryption())).append('\n');
                sb.append("    Anti-replay service: ").append(c.replayWindow() > 0
                        ? "counter-based enabled, Replay window size: " + c.replayWindow()
                        : "disabled").append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * {@code show security ipsec statistics}, as the SRX prints it: ESP bytes and packets, and the
     * errors, summed over the IPsec SAs; then the same per SA ({@code index N}, our inbound SPI).
     * Replay errors are what the anti-replay window dropped (RFC 4303 3.4.3), ESP authentication
     * failures the packets whose ICV did not verify (3.4.4), bad trailers those whose padding or
     * next header was wrong (2.4, 2.6).
     */
    public static String ipsecStatistics(Snapshot s) {
        StringBuilder sb = new StringBuilder();
        List<ChildSaInfo> children = s.childSas().stream().filter(c -> c.installedAtMillis() > 0).toList();
        statistics(sb, children);
        for (ChildSaInfo c : children) {
            sb.append('\n').append("Index: ").append(c.serial()).append(", VPN Name: ").append(c.connection())
                    .append(", SPI: ").append(String.format("%08x", c.inboundSpi())).append('\n');
            statistics(sb, List.of(c));
        }
        return sb.toString();
    }

    private static void statistics(StringBuilder sb, List<ChildSaInfo> children) {
        long encBytes = 0;
        long decBytes = 0;
        long encPackets = 0;
        long decPackets = 0;
        long replay = 0;
        long integrity = 0;
        long other = 0;
        for (ChildSaInfo c : children) {
            encBytes += c.bytesOut();
            decBytes += c.bytesIn();
            encPackets += c.packetsOut();
            decPackets += c.packetsIn();
            replay += c.replayDrops();
            integrity += c.integrityFailures();
            other += c.otherDrops();
        }
        sb.append("ESP Statistics:\n");
        sb.append(String.format("  Encrypted bytes:   %20d\n", encBytes));
        sb.append(String.format("  Decrypted bytes:   %20d\n", decBytes));
        sb.append(String.format("  Encrypted packets: %20d\n", encPackets));
        sb.append(String.format("  Decrypted packets: %20d\n", decPackets));
        sb.append("AH Statistics:\n");
        sb.append(String.format("  Input bytes:       %20d\n", 0));
        sb.append(String.format("  Output bytes:      %20d\n", 0));
        sb.append(String.format("  Input packets:     %20d\n", 0));
        sb.append(String.format("  Output packets:    %20d\n", 0));
        sb.append("Errors:\n");
        sb.append("  AH authentication failures: 0, Replay errors: ").append(replay).append('\n');
        sb.append("  ESP authentication failures: ").append(integrity).append(", ESP decryption failures: 0\n");
        sb.append("  Bad headers: 0, Bad trailers: ").append(other).append('\n');
    }

    private static String identities(List<String> selectors) {
        if (selectors.isEmpty()) {
            return "-";
        }
        return String.join(", ", selectors.stream().map(JunosNames::identity).toList());
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    private static String expires(Snapshot s, long atMillis) {
        return atMillis > 0 ? "Expires in " + StrongSwanStatus.seconds(atMillis, s.atMillis()) + " seconds" : "Unlimited";
    }

    private static String state(IkeSaInfo i) {
        return i.established() ? "UP" : "DOWN";
    }

    private static String mode(IkeSaInfo i) {
        return i.ikeVersion() == 2 ? "IKEv2" : i.exchange();
    }

    private static Optional<IkeSaInfo> ikeOf(Snapshot s, ChildSaInfo c) {
        return s.ikeSas().stream().filter(i -> i.serial() == c.ikeSaSerial()).findFirst();
    }
}
