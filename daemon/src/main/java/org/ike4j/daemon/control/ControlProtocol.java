package org.ike4j.daemon.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control protocol: one JSON object per line each way.
 *
 * <p>Request: {@code {"command":"up","args":["srx-13"],"json":false}}. Commands: {@code up NAME},
 * {@code down NAME} (or {@code down NAME{N}}: one Child SA by its unique id; {@code down NAME[N]}:
 * one IKE SA), {@code reload}, {@code status}, {@code statusall}, {@code show-ike [detail]},
 * {@code show-ipsec [detail]}, {@code stop}.
 *
 * <p>Response: {@code {"ok":true,"text":"..."}} with the human-readable answer, plus
 * {@code "data":{...}} (the snapshot as JSON) when the request asked for {@code json}; or
 * {@code {"ok":false,"error":"..."}}.
 */
public final class ControlProtocol {
    public static final List<String> COMMANDS =
            List.of("up", "down", "reload", "status", "statusall", "show-ike", "show-ipsec", "stop");

    private ControlProtocol() {
    }

    public static Map<String, Object> request(String command, List<String> args, boolean json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("args", List.copyOf(args));
        m.put("json", json);
        return m;
    }

    public static Map<String, Object> ok(String text) {
        return ok(text, null);
    }

    public static Map<String, Object> ok(String text, Object data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("text", text);
        if (data != null) {
            m.put("data", data);
        }
        return m;
    }

    public static Map<String, Object> error(String message) {
        return error(message, null);
    }

    public static Map<String, Object> error(String message, Object data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", false);
        m.put("error", message);
        if (data != null) {
            m.put("data", data);
        }
        return m;
    }

    /** The request's command. */
    public static String command(Map<String, Object> request) {
        return request.get("command") instanceof String s ? s : "";
    }

    /** The request's arguments, as strings. */
    public static List<String> args(Map<String, Object> request) {
        if (request.get("args") instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    public static boolean wantsJson(Map<String, Object> request) {
        return Boolean.TRUE.equals(request.get("json"));
    }
}
