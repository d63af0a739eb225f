package org.ike4j.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ike4j.daemon.control.ControlClient;
import org.ike4j.daemon.control.ControlPaths;
import org.ike4j.daemon.control.ControlProtocol;
import org.ike4j.daemon.control.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The commands that talk to a running daemon over its control socket. Exit status: 0 done,
 * 1 the daemon refused (its reason on stderr), 3 no daemon could be reached.
 */
final class ControlCommands {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ControlCommands() {
    }

    /** Options every control command takes. */
    static final class Common {
        @Option(names = "--control", paramLabel = "PATH",
                description = "The daemon's control socket (default: as the daemon's).")
        Path control;

        @Option(names = "--json", description = "Print the daemon's answer as JSON, with the status as data.")
        boolean json;

        int send(String command, List<String> args) {
            Path socket = control != null ? control : ControlPaths.defaultPath();
            Map<String, Object> r;
            try {
                r = ControlClient.call(socket, ControlProtocol.request(command, args, json), TIMEOUT);
            } catch (ControlClient.UnreachableException e) {
                System.err.println("ike4j: " + e.getMessage());
                return 3;
            }
            boolean ok = Boolean.TRUE.equals(r.get("ok"));
            if (json) {
                System.out.println(Json.write(r));
            } else if (ok) {
                String text = String.valueOf(r.get("text"));
                System.out.print(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
            } else {
                System.err.println("ike4j " + command + ": " + r.get("error"));
            }
            return ok ? 0 : 1;
        }
    }

    @Command(name = "up", description = "Bring a connection up.")
    static final class Up implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(paramLabel = "NAME", description = "The connection.")
        String name;

        @Override
        public Integer call() {
            return common.send("up", List.of(name));
        }
    }

    @Command(name = "down", description = {"Take a connection down (its SAs are deleted, the peer told).",
        "NAME{N} deletes only the Child SA with unique id N, NAME[N] only the IKE SA N and its Child SAs"
                + " (the ids status shows), as strongSwan's ipsec down."})
    static final class Down implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(paramLabel = "NAME", description = "The connection, or NAME{N} / NAME[N] for one SA.")
        String name;

        @Override
        public Integer call() {
            return common.send("down", List.of(name));
        }
    }

    @Command(name = "reload", description = "Re-read the configuration files; with an error, nothing changes.")
    static final class Reload implements Callable<Integer> {
        @Mixin
        Common common;

        @Override
        public Integer call() {
            return common.send("reload", List.of());
        }
    }

    @Command(name = "status", description = "Connections and SAs, as strongSwan's 'ipsec status'.")
    static final class Status implements Callable<Integer> {
        @Mixin
        Common common;

        @Override
        public Integer call() {
            return common.send("status", List.of());
        }
    }

    @Command(name = "statusall", description = "The daemon, connections and SAs in detail, as 'ipsec statusall'.")
    static final class StatusAll implements Callable<Integer> {
        @Mixin
        Common common;

        @Override
        public Integer call() {
            return common.send("statusall", List.of());
        }
    }

    @Command(name = "stop", description = "Stop the daemon (its connections are taken down first).")
    static final class Stop implements Callable<Integer> {
        @Mixin
        Common common;

        @Override
        public Integer call() {
            return common.send("stop", List.of());
        }
    }

    /** Junos style: {@code show security ike|ipsec security-associations [detail]}, {@code show security ipsec statistics}. */
    @Command(name = "show", description = {"Junos style: show security ike security-associations [detail],",
        "show security ipsec security-associations [detail], show security ipsec statistics."})
    static final class Show implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(paramLabel = "WORDS", arity = "3..4",
                description = "security (ike|ipsec) security-associations [detail]")
        List<String> words = new ArrayList<>();

        @Override
        public Integer call() {
            if (words.equals(List.of("security", "ipsec", "statistics"))) {
                return common.send("show-ipsec", List.of("statistics"));
            }
            boolean detail = words.size() == 4 && words.get(3).equals("detail");
            boolean shape = words.get(0).equals("security") && words.get(2).equals("security-associations")
                    && (words.size() == 3 || detail);
            String which = words.get(1);
            if (!shape || !(which.equals("ike") || which.equals("ipsec"))) {
                System.err.println("ike4j show: expected 'security ike|ipsec security-associations [detail]', got '"
                        + String.join(" ", words) + "'");
                return 2;
            }
            return common.send("show-" + which, detail ? List.of("detail") : List.of());
        }
    }
}
