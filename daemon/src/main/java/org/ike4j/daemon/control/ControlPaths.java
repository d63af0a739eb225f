package org.ike4j.daemon.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the control socket lives unless {@code --control PATH} says otherwise:
 * <ul>
 *   <li>{@code /run/ike4j/ike4j.ctl} when running as root;</li>
 *   <li>else {@code $XDG_RUNTIME_DIR/ike4j/ike4j.ctl} when that variable is set (a per-user
 *       directory of mode 0700 on systemd hosts);</li>
 *   <li>else {@code ~/.ike4j/ike4j.ctl}.</li>
 * </ul>
 * Daemon and client compute the same path, so both find each other without options.
 */
public final class ControlPaths {
    private ControlPaths() {
    }

    public static Path defaultPath() {
        return defaultPath(isRoot(), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Path defaultPath(boolean root, Map<String, String> env, Path home) {
        if (root) {
            return Path.of("/run/ike4j/ike4j.ctl");
        }
        String xdg = env.get("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "ike4j", "ike4j.ctl");
        }
        return home.resolve(".ike4j").resolve("ike4j.ctl");
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (Exception e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
