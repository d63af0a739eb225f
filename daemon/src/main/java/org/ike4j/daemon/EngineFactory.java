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
import org.ike4j.crypto.KeyExchangeSource;
import org.ike4j.engine.Clock;
import org.ike4j.engine.Engine;
import org.ike4j.engine.VersionDispatch;
import org.ike4j.engine.v1.Ikev1Engine;
import org.ike4j.engine.v1.Ikev1Options;
import org.ike4j.engine.v2.Ikev2Engine;
import org.ike4j.engine.v2.Ikev2Options;

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
     * @param keyExchanges where the IKEv2 engine's ephemeral key pairs come from: the daemon's
     *        {@link KeyPairPool} (generated on worker threads), or generated on the loop
     */
    record Context(Clock clock, SecureRandom random, Optional<Path> keyLogDirectory,
                   List<InetAddress> localAddresses, boolean keyLogging, java.util.function.BooleanSupplier traceWanted,
                   KeyExchangeSource keyExchanges) {

        public Context {
            localAddresses = List.copyOf(localAddresses);
            java.util.Objects.requireNonNull(traceWanted);
            java.util.Objects.requireNonNull(keyExchanges);
        }

        /** Key pairs generated on the caller's thread from the default crypto and {@code random}. */
        public Context(Clock clock, SecureRandom random, Optional<Path> keyLogDirectory,
                       List<InetAddress> localAddresses, boolean keyLogging, java.util.function.BooleanSupplier traceWanted) {
            this(clock, random, keyLogDirectory, localAddresses, keyLogging, traceWanted,
                    KeyExchangeSource.inline(Crypto.defaults(), random));
        }

        /** Trace events always wanted (the log decides what to print). */
        public Context(Clock clock, SecureRandom random, Optional<Path> keyLogDirectory,
                       List<InetAddress> localAddresses, boolean keyLogging) {
            this(clock, random, keyLogDirectory, localAddresses, keyLogging, () -> true);
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
     * The engine this build runs: the IKEv1 engine ({@link Ikev1Engine}) and the IKEv2 engine
     * ({@link Ikev2Engine}, its key pairs from the context's source) behind a {@link VersionDispatch}, with the default crypto backends and
     * their default options, keys in their trace events only when key logging is on (then also in {@code LogKeys} actions). The
     * configuration arrives as the first input, so they start with an empty one. IKEv2 SAs are
     * numbered from 1001 so that status never shows an IKEv1 and an IKEv2 SA under one number.
     */
    static EngineFactory standard() {
        return ctx -> {
            Configuration empty = new Configuration(Map.of(), Secrets.EMPTY, GlobalSettings.EMPTY, Map.of(), List.of());
            List<InetAddress> locals = ctx.localAddresses().isEmpty() ? List.of(InetAddress.getLoopbackAddress())
                    : ctx.localAddresses();
            Crypto crypto = Crypto.defaults();
            boolean keys = ctx.keyLogging();
            return new VersionDispatch(
                    new Ikev1Engine(empty, locals, ctx.clock(), ctx.random(), crypto, Ikev1Options.DEFAULTS.withKeyLogging(keys)),
                    new Ikev2Engine(empty, locals, ctx.clock(), ctx.random(), crypto, ctx.keyExchanges(),
                            ikev2Options(keys).withTrace(ctx.traceWanted())),
                    Ikev2Engine.TIMER_PREFIX);
        };
    }

    /**
     * The IKEv2 engine's options. The system property {@code ike4j.ikev2.cookie_threshold} sets the
     * number of half-open IKE SAs from which IKE_SA_INIT must carry a COOKIE (strongSwan's
     * {@code charon.cookie_threshold}; 0 asks always) until a configuration front end carries it;
     * {@code ike4j.ikev2.fragment_size} the largest IKE message sent unfragmented to a peer that
     * supports RFC 7383 (strongSwan's {@code charon.fragment_size}).
     */
    private static Ikev2Options ikev2Options(boolean keyLogging) {
        Ikev2Options o = Ikev2Options.DEFAULTS.withKeyLogging(keyLogging).withFirstSerial(1001);
        o = o.withFragmentSize(Integer.getInteger("ike4j.ikev2.fragment_size", o.fragmentSize()));
        return o.withCookieThreshold(Integer.getInteger("ike4j.ikev2.cookie_threshold", o.cookieThreshold()));
    }
}
