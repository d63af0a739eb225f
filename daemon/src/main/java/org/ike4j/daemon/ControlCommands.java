package org.ike4j.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.ike4j.config.Problem;
import org.ike4j.daemon.control.ControlProtocol;
import org.ike4j.daemon.format.JunosShow;
import org.ike4j.daemon.format.SnapshotJson;
import org.ike4j.daemon.format.StrongSwanStatus;
import org.ike4j.engine.Action;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;

/** Answers control-socket requests ({@link ControlProtocol}); runs on the event loop. */
final class ControlCommands {
    private final Daemon daemon;

    ControlCommands(Daemon daemon) {
        this.daemon = daemon;
    }

    CompletionStage<Map<String, Object>> handle(Map<String, Object> request) {
        String cmd = ControlProtocol.command(request);
        List<String> args = ControlProtocol.args(request);
        boolean json = ControlProtocol.wantsJson(request);
        daemon.log().debug("dmn", "control: " + cmd + (args.isEmpty() ? "" : " " + String.join(" ", args)));
        return switch (cmd) {
            case "up" -> done(operator(args, true));
            case "down" -> done(operator(args, false));
            case "reload" -> reload();
            case "status" -> done(show(json, s -> StrongSwanStatus.status(s)));
            case "statusall" -> done(show(json, s -> StrongSwanStatus.statusAll(daemon.info(), s)));
            case "show-ike" -> done(show(json, s -> JunosShow.ike(s, detail(args))));
            case "show-ipsec" -> done(show(json, s -> args.contains("statistics") ? JunosShow.ipsecStatistics(s)
                    : JunosShow.ipsec(s, detail(args))));
            case "stop" -> {
                daemon.stop();
                yield done(ControlProtocol.ok("stopping"));
            }
            default -> done(ControlProtocol.error("unknown command '" + cmd + "' (known: "
                    + String.join(", ", ControlProtocol.COMMANDS) + ")"));
        };
    }

    private static boolean detail(List<String> args) {
        return args.contains("detail");
    }

    private static CompletionStage<Map<String, Object>> done(Map<String, Object> m) {
        return CompletableFuture.completedFuture(m);
    }

    private Map<String, Object> show(boolean json, java.util.function.Function<Snapshot, String> format) {
        Snapshot s = daemon.dataplane().withTraffic(daemon.engine().snapshot());
        return ControlProtocol.ok(format.apply(s), json ? SnapshotJson.of(s) : null);
    }

    /** strongSwan's {@code NAME{N}} (a Child SA) and {@code NAME[N]} (an IKE SA) by unique id. */
    private static final java.util.regex.Pattern ONE_SA = java.util.regex.Pattern.compile("(.+?)(?:\\{(\\d{1,9})\\}|\\[(\\d{1,9})\\])");

    private Map<String, Object> operator(List<String> args, boolean up) {
        String verb = up ? "up" : "down";
        if (args.size() != 1) {
            return ControlProtocol.error(verb + " needs one connection name");
        }
        String name = args.getFirst();
        java.util.regex.Matcher one = ONE_SA.matcher(name);
        if (!up && one.matches()) {
            return downSa(one);
        }
        boolean known = daemon.configuration().connections().containsKey(name)
                || daemon.engine().snapshot().connections().stream().anyMatch(c -> c.name().equals(name));
        if (!known) {
            return ControlProtocol.error("no connection named '" + name + "'");
        }
        List<Action> actions = daemon.input(new Input.Command(up ? new Operator.Up(name) : new Operator.Down(name)));
        if (!up) {
            daemon.dataplane().down(name);   // a connection held after a dead peer: the engine had nothing to delete
        }
        return reply(actions, up ? "initiating " + name : "taking down " + name);
    }

    /**
     * {@code down NAME{N}}: that Child SA alone; {@code down NAME[N]}: that IKE SA and its Child
     * SAs. The unique ids are the ones status prints; an id the connection has no SA with is refused.
     */
    private Map<String, Object> downSa(java.util.regex.Matcher m) {
        String name = m.group(1);
        boolean child = m.group(2) != null;
        int serial = Integer.parseInt(child ? m.group(2) : m.group(3));
        Operator.DownSa op = new Operator.DownSa(name, serial, child);
        Snapshot s = daemon.engine().snapshot();
        boolean exists = child
                ? s.childSas().stream().anyMatch(c -> c.serial() == serial && c.connection().equals(name))
                : s.ikeSas().stream().anyMatch(c -> c.serial() == serial && c.connection().equals(name));
        if (!exists) {
            return ControlProtocol.error("no " + (child ? "CHILD_SA " : "IKE_SA ") + op + " (status shows the unique ids)");
        }
        List<Action> actions = daemon.input(new Input.Command(op));
        return reply(actions, "taking down " + op);
    }

    /**
     * The answer to an operator command: the engine's reports at INFO and above, one a line, an
     * error if any was one; {@code otherwise} when the engine said nothing.
     */
    private static Map<String, Object> reply(List<Action> actions, String otherwise) {
        List<String> lines = new ArrayList<>();
        boolean failed = false;
        for (Action a : actions) {
            if (a instanceof Action.Report(Event e) && e.level().ordinal() <= Event.Level.INFO.ordinal()) {
                lines.add(e.message());
                failed |= e.level() == Event.Level.ERROR;
            }
        }
        if (lines.isEmpty()) {
            lines.add(otherwise);
        }
        String text = String.join("\n", lines);
        return failed ? ControlProtocol.error(text) : ControlProtocol.ok(text);
    }

    private CompletionStage<Map<String, Object>> reload() {
        return daemon.readConfiguration().thenApply(c -> {
            List<Problem> errors = c.errors();
            if (!errors.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                for (Problem p : errors) {
                    sb.append(p).append('\n');
                    daemon.log().error("cfg", "reload: " + p);
                }
                sb.append("reload refused: the running configuration is unchanged");
                List<Object> where = new ArrayList<>();
                for (Problem p : errors) {
                    where.add(Map.of("file", p.location().file(), "line", p.location().line(),
                            "column", p.location().column(), "message", p.message()));
                }
                return ControlProtocol.error(sb.toString(), Map.of("errors", where));
            }
            daemon.apply(c);
            return ControlProtocol.ok("reloaded: " + c.connections().size() + " connection(s)");
        });
    }
}
