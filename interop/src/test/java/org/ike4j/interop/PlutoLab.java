package org.ike4j.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.ike4j.testkit.Capture;
import org.ike4j.testkit.NetNamespace;
import org.ike4j.testkit.Pluto;
import org.ike4j.testkit.TwoPeers;
import org.ike4j.testkit.VethPair;

/**
 * {@link Lab}'s topology with Libreswan's pluto in place of charon: namespace {@code ike4j}
 * (192.0.2.1, inner 10.1.0.0/24) and namespace {@code pluto} (192.0.2.2, inner 10.2.0.0/24) on
 * one veth, every exchange captured by tshark on pluto's end (when asked for; else ike4j's own
 * {@code --pcap} is the capture). Connection {@code pluto} on ike4j's
 * side, {@code ike4j} on pluto's; PSK {@link Lab#PSK} (a throwaway test secret).
 */
final class PlutoLab implements AutoCloseable {

    static final String IKE4J_IP = Lab.IKE4J_IP;
    static final String PLUTO_IP = Lab.CHARON_IP;

    final TwoPeers peers;
    final NetNamespace ike4jNs;
    final NetNamespace plutoNs;
    final VethPair wire;
    final Path dir;
    final Capture capture;
    Pluto pluto;
    Ike4jDaemon ike4j;

    /** With a capture on the wire. */
    PlutoLab(Path dir) {
        this(dir, true);
    }

    PlutoLab(Path dir, boolean captureWire) {
        this.dir = dir;
        peers = TwoPeers.create("ike4j", "pluto");
        ike4jNs = peers.left();
        plutoNs = peers.right();
        wire = peers.wire();
        try {
            capture = captureWire ? peers.own(Capture.start(plutoNs, wire.bInterface(),
                    dir.resolve("exchanges.pcapng"), Capture.IKE_AND_ESP)) : null;
        } catch (RuntimeException | AssertionError e) {
            peers.close();
            throw e;
        }
    }

    /**
     * pluto with connection {@code ike4j}, the mirror of {@link #ike4jConf}, loaded at start
     * ({@code auto=add}); {@code more} adds or overrides {@code key=value} lines.
     */
    Pluto startPluto(boolean ikev2, String ike, String esp, String... more) {
        return startPlutoWithSubnets(ikev2, Lab.CHARON_NET, Lab.IKE4J_NET, ike, esp, more);
    }

    /** As above, with pluto's and ike4j's subnets. */
    Pluto startPlutoWithSubnets(boolean ikev2, String leftSubnet, String rightSubnet, String ike, String esp,
            String... more) {
        StringBuilder conn = new StringBuilder();
        conn.append(ikev2 ? "ikev2=insist\n" : "ikev2=no\n");
        conn.append("authby=secret\nleft=" + PLUTO_IP + "\nleftid=" + PLUTO_IP + "\nleftsubnet=" + leftSubnet
                + "\nright=" + IKE4J_IP + "\nrightid=" + IKE4J_IP + "\nrightsubnet=" + rightSubnet + "\n");
        conn.append("ike=" + ike + "\nesp=" + esp + "\npfs=no\nkeyingtries=1\nauto=add\n");
        for (String line : more) {
            conn.append(line).append('\n');
        }
        pluto = peers.own(Pluto.builder(plutoNs).conn("ike4j", conn.toString())
                .secret(PLUTO_IP + " " + IKE4J_IP + " : PSK \"" + Lab.PSK + "\"").start());
        return pluto;
    }

    /** ike4j's side as ipsec.conf: connection {@code pluto}, with more {@code key=value} lines. */
    List<Path> ike4jConf(String... more) {
        StringBuilder conf = new StringBuilder("conn pluto\n\tauthby=psk\n"
                + "\tleft=" + IKE4J_IP + "\n\tleftid=" + IKE4J_IP + "\n\tleftsubnet=" + Lab.IKE4J_NET + "\n"
                + "\tright=" + PLUTO_IP + "\n\trightid=" + PLUTO_IP + "\n\trightsubnet=" + Lab.CHARON_NET + "\n");
        for (String line : more) {
            conf.append('\t').append(line).append('\n');
        }
        try {
            return List.of(Files.writeString(dir.resolve("ipsec.conf"), conf.toString()),
                    Files.writeString(dir.resolve("ipsec.secrets"),
                            IKE4J_IP + " " + PLUTO_IP + " : PSK \"" + Lab.PSK + "\"\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of a seed file (config module's test resources) in the temp dir with strings replaced. */
    Path seedCopy(String name, java.util.Map<String, String> replacements) {
        try {
            String text = Files.readString(Lab.SEED.resolve(name));
            for (java.util.Map.Entry<String, String> e : replacements.entrySet()) {
                if (!text.contains(e.getKey())) {
                    throw new IllegalArgumentException(name + " has no '" + e.getKey() + "'");
                }
                text = text.replace(e.getKey(), e.getValue());
            }
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException("seed file " + Lab.SEED.resolve(name).toAbsolutePath(), e);
        }
    }

    /** ike4j with its key tables in {@code keys} and its own capture in {@code pcap}. */
    Ike4jDaemon startIke4j(List<Path> configFiles, Path keys, Path pcap) {
        ike4j = peers.own(Ike4jDaemon.start(ike4jNs, dir, IKE4J_IP, configFiles, "all=3,dmn=2",
                List.of("--keylog", keys.toString(), "--pcap", pcap.toString())));
        ike4j.peerLog = () -> pluto == null ? "" : pluto.logTail(40);
        return ike4j;
    }

    /** Failure context: both sides' logs. */
    String logs() {
        return "--- ike4j ---\n" + (ike4j == null ? "" : ike4j.logTail(60)) + "\n--- pluto events ---\n"
                + (pluto == null ? "" : String.join("\n", pluto.events().stream()
                        .dropWhile(l -> !l.contains("loading secrets")).toList()));
    }

    /** Stops the capture (after its drain time) and returns the file. */
    Path stopCapture() {
        return capture.stop();
    }

    /**
     * Without a wire capture: stops ike4j, so that its {@code --pcap} file is complete, and
     * returns that file.
     */
    Path stopIke4j(Path pcap) {
        ike4j.close();
        return pcap;
    }

    @Override
    public void close() {
        peers.close();
    }
}
