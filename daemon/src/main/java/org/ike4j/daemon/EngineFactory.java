package org.ike4j.daemon;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.ike4j.engine.Clock;
import org.ike4j.engine.Engine;

/**
 * Makes the daemon's engine. The engine gets its configuration as its first input,
 * {@code Command(Reload(configuration))}, and again on every reload.
 */
@FunctionalInterface
public interface EngineFactory {

    /**
     * What an engine is built with.
     *
     * @param clock the daemon's clock; {@code Schedule} deadlines are in its milliseconds
     * @param random the randomness for cookies, nonces, SPIs and key exchange
     * @param keyLogDirectory where to write negotiated keys for Wireshark, only when the operator
     *        asked for it ({@code --keylog})
     */
    record Context(Clock clock, SecureRandom random, Optional<Path> keyLogDirectory) {
    }

    Engine create(Context context);

    /**
     * The engine this build runs. The IKEv1 engine slots in here when it lands:
     * {@code return ctx -> new org.ike4j.engine.v1.Ikev1Engine(...)}; until then the daemon loads,
     * shows and reloads configurations and answers status, but negotiates nothing.
     */
    static EngineFactory standard() {
        return ConfigOnlyEngine::new;
    }
}
