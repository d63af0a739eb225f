package org.ike4j.cli;

import java.nio.file.Path;
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
        return SeedDemo.run(o, System.out, System.err);
    }
}
