package org.ike4j.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlPathsTest {
    @Test
    void defaults() {
        Path home = Path.of("/home/op");
        assertEquals(Path.of("/run/ike4j/ike4j.ctl"), ControlPaths.defaultPath(true, Map.of("XDG_RUNTIME_DIR", "/run/user/0"), home));
        assertEquals(Path.of("/run/user/1000/ike4j/ike4j.ctl"),
                ControlPaths.defaultPath(false, Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), home));
        assertEquals(Path.of("/home/op/.ike4j/ike4j.ctl"), ControlPaths.defaultPath(false, Map.of(), home));
        assertEquals(Path.of("/home/op/.ike4j/ike4j.ctl"),
                ControlPaths.defaultPath(false, Map.of("XDG_RUNTIME_DIR", "relative"), home));
    }
}
