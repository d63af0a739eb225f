package org.ike4j.daemon;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ike4j.config.Configuration;
import org.ike4j.config.GlobalSettings;
import org.ike4j.config.Secrets;
import org.ike4j.crypto.Crypto;
import org.ike4j.engine.Clock;
import org.ike4j.engine.Engine;
import org.ike4j.engine.v1.Ikev1Engine;
import org.ike4j.engine.v1.Ikev1Options;

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
     * @param localAddresses the addresses the daemon speaks from: the {@code --listen} addresses
     *        first, then the host's; an engine picks the source of a connection whose local
     *        address is not configured from these
     * @param keyLogging whether the engine may put keys into its trace and hand them over in
     *        {@code Action.LogKeys} ({@code --keylog DIR} or {@code --log-keys}); never otherwise
     */
    record Context(Clock clock, SecureRandom random, Optional<Path> keyLogDirectory,
                   List<InetAddress> localAddresses, boolean keyLogging) {

        public Context {
            localAddresses = List.copyOf(localAddresses);
        }

        /** Key logging exactly when there is a key log directory. */
        public Context(Clock clock, SecureRandom random, Optional<Path> keyLogDirectory,
                       List<InetAddress> localAddresses) {
            this(clock, random, keyLogDirectory, localAddresses, keyLogDirectory.isPresent());
        }

        /** A context without known local addresses (engines that send nothing). */
        public Context(Clock clock, SecureRandom random, Optional<Path> keyLogDirectory) {
            this(clock, random, keyLogDirectory, List.of());
        }
    }

    Engine create(Context context);

    /**
     * The engine this build runs: the IKEv1 engine ({@link Ikev1Engine}) with the default crypto
     * backends and its default options, keys in its trace events (and in {@code LogKeys} actions)
     * only when key logging is on. Its configuration arrives as the first input, so it starts with an empty one.
     */
    static EngineFactory standard() {
        return ctx -> new Ikev1Engine(
                new Configuration(Map.of(), Secrets.EMPTY, GlobalSettings.EMPTY, Map.of(), List.of()),
                ctx.localAddresses().isEmpty() ? List.of(InetAddress.getLoopbackAddress()) : ctx.localAddresses(),
                ctx.clock(), ctx.random(), Crypto.defaults(),
                Ikev1Options.DEFAULTS.withKeyLogging(ctx.keyLogging()));
    }
}
