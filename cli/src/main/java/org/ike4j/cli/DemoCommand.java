package org.ike4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ike4j.daemon.demo.SeedDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ike4j demo}: the seed's negotiation (strongSwan server {@code ipsec up srx-13} to a
 * Juniper SRX, Main Mode then Quick Mode) between two daemons in this process, on loopback
 * addresses and unprivileged ports, so no root is needed. Exit status 0 when both sides got
 * their IPsec SA and everything was taken down again, 1 otherwise.
 */
@Command(name = "demo", description = {
    "Replay the seed's IKEv1 negotiation without root: two daemons on loopback (127.80.80.80, 127.80.80.13),",
    "the server from the seed's ipsec.conf/ipsec.secrets, SRX-13 from its Junos configuration; the exchange",
    "as a ladder, both sides' status as the seed shows it, full logs in --out."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "ike4j-demo",
            description = "Where the full logs go: server.log, srx-13.log (default ./${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--trace", description = "Print each message's payload tree under its ladder line.")
    boolean trace;

    @Option(names = "--junos-set", description = "Load SRX-13 from the set form of its configuration (srx-13.set).")
    boolean junosSet;

    @Option(names = "--port", paramLabel = "N", defaultValue = "10500",
            description = "The IKE port of both peers, each on its own address (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--natt-port", paramLabel = "N", defaultValue = "14500",
            description = "The NAT-T port of both peers (default ${DEFAULT-VALUE}).")
    int nattPort;

    @Override
    public Integer call() {
        if (port < 1 || port > 65535 || nattPort < 1 || nattPort > 65535 || port == nattPort) {
            System.err.println("ike4j demo: --port and --natt-port must be two different ports in 1..65535");
            return 2;
        }
        SeedDemo.Options o = SeedDemo.Options.defaults(out).withTrace(trace).withJunosSet(junosSet)
                .withPorts(port, nattPort);
        int exit = SeedDemo.run(o, System.out, System.err);
        if (exit == 0 && Files.exists(out.resolve(SeedDemo.PCAP))) {
            List<String> decode = decodeCommand(out, port, nattPort);
            System.out.println("Or with ike4j's own decoder (every message, decrypted with the key tables above;"
                    + " the ladder and trees as a page in " + out.resolve(HTML) + "):");
            System.out.println("  " + String.join(" ", decode.stream().map(DemoCommand::shellQuote).toList()));
            // the same command, run here, so that demo.html is there when the demo ends
            System.out.flush();
            int decoded = Main.run(decode.subList(1, decode.size()).toArray(String[]::new));
            if (decoded != 0) {
                System.err.println("ike4j demo: the decode command above failed (exit " + decoded + ")");
                return 1;
            }
        }
        return exit;
    }

    /** An argument as a POSIX shell reads it back. */
    static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./=:,+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** The HTML page the demo writes next to its capture. */
    static final String HTML = "demo.html";

    /**
     * {@code ./ike4j decode} for the demo's capture: its ports (IKE on {@code port}, NAT-T on
     * {@code nattPort}), its key tables (the --keylog files in {@code out}), the HTML page, and
     * {@code --brief} so that the terminal gets one line per message.
     */
    static List<String> decodeCommand(Path out, int port, int nattPort) {
        List<String> c = new ArrayList<>(List.of("./ike4j", "decode", out.resolve(SeedDemo.PCAP).toString()));
        if (port != 500) {
            c.addAll(List.of("--ike-port", Integer.toString(port)));
        }
        if (nattPort != 4500) {
            c.addAll(List.of("--natt-port", Integer.toString(nattPort)));
        }
        c.addAll(List.of("--keys", out.toString(), "--html", out.resolve(HTML).toString(), "--brief"));
        return c;
    }
}
