package org.ike4j.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * strongSwan's {@code stroke} client for a {@link Charon} started on the legacy route
 * ({@link Charon.Builder#legacy}): ipsec.conf connections are brought up and down by name. SAs
 * can still be listed and awaited with {@link Charon#swanctl()}.
 */
public final class Stroke {

    /** The client from Debian's strongswan-starter. */
    public static final Path BINARY = Path.of("/usr/lib/ipsec/stroke");

    private final Charon charon;

    Stroke(Charon charon) {
        this.charon = charon;
    }

    /** Runs {@code stroke ARGS} against this charon's stroke socket; a failure does not throw. */
    public CommandResult run(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(List.of(args));
        return Processes.run(command, timeout, Map.of("STRONGSWAN_CONF", charon.strongswanConf().toString()), null);
    }

    /**
     * {@code stroke up NAME}: waits for the connection (IKE SA and its CHILD_SA) to come up.
     *
     * @throws TestKitException when stroke does not report success within {@code timeout}
     */
    public CommandResult up(String connection, Duration timeout) {
        CommandResult result = run(timeout, "up", connection);
        if (!result.ok() || !result.stdout().contains("established successfully")) {
            throw new TestKitException(result.describe() + "\n" + charon.logTail(60));
        }
        return result;
    }

    /** {@code stroke down NAME}. */
    public CommandResult down(String connection, Duration timeout) {
        return checked(run(timeout, "down", connection));
    }

    /** {@code stroke statusall}: connections and SAs as text. */
    public String statusAll() {
        return checked(run(Processes.DEFAULT_TIMEOUT, "statusall")).stdout();
    }

    /** {@code stroke rereadsecrets}: reloads ipsec.secrets. */
    public CommandResult rereadSecrets() {
        return checked(run(Processes.DEFAULT_TIMEOUT, "rereadsecrets"));
    }

    /**
     * Waits until starter has handed connection {@code connection} to charon (it does so after
     * charon has started, so right after {@link Charon.Builder#start} it may not be there yet).
     */
    public void awaitConnectionLoaded(String connection, Duration timeout) {
        Pattern line = Pattern.compile("(?m)^\\s*" + Pattern.quote(connection) + ":\\s");
        long deadline = System.nanoTime() + timeout.toNanos();
        String status = statusAll();
        while (!line.matcher(status).find()) {
            if (System.nanoTime() > deadline) {
                throw new TestKitException("connection " + connection + " not loaded after " + timeout
                        + "\n--- stroke statusall ---\n" + status + "\n" + charon.logTail(40));
            }
            Processes.sleep(Duration.ofMillis(50));
            status = statusAll();
        }
    }

    private CommandResult checked(CommandResult result) {
        if (!result.ok()) {
            throw new TestKitException(result.describe() + "\n" + charon.logTail(60));
        }
        return result;
    }
}
