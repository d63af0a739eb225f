package org.ike4j.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * strongSwan's {@code swanctl}, talking to one {@link Charon} through that charon's vici socket
 * ({@code --uri}). swanctl itself runs in the host's namespace: it only needs the unix socket.
 * Failures and timeouts throw {@link TestKitException} with charon's log tail attached.
 */
public final class Swanctl {

    /** The binary from Debian's strongswan-swanctl. */
    public static final Path BINARY = Path.of("/usr/sbin/swanctl");

    /** How often the {@code await*} methods ask charon. */
    private static final Duration POLL = Duration.ofMillis(100);

    private final Charon charon;

    Swanctl(Charon charon) {
        this.charon = charon;
    }

    /**
     * Runs {@code swanctl ARGS --uri URI} with charon's strongswan.conf.
     *
     * @return the result; a non-zero exit does not throw
     */
    public CommandResult run(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(List.of(args));
        command.add("--uri");
        command.add(charon.viciUri());
        return Processes.run(command, timeout, Map.of("STRONGSWAN_CONF", charon.strongswanConf().toString()), null);
    }

    /** Writes {@code config} to {@code swanctl.conf} in charon's directory and loads it. */
    public CommandResult load(SwanctlConfig config) {
        Path file = config.writeTo(charon.directory().resolve("swanctl.conf"));
        return loadAll(file);
    }

    /** {@code swanctl --load-all --file FILE}: connections and secrets (replacing earlier ones). */
    public CommandResult loadAll(Path file) {
        return checked(run(Processes.DEFAULT_TIMEOUT, "--load-all", "--noprompt", "--file", file.toString()));
    }

    /**
     * {@code swanctl --initiate --child CHILD --ike IKE}, waiting for the result.
     *
     * @throws TestKitException when it fails or takes longer than {@code timeout}
     */
    public CommandResult initiate(String child, String ike, Duration timeout) {
        long seconds = Math.max(1, timeout.toSeconds());
        return checked(run(timeout.plusSeconds(5), "--initiate", "--child", child, "--ike", ike,
                "--timeout", Long.toString(seconds)));
    }

    /** {@code swanctl --terminate --ike IKE}, waiting for the delete to complete. */
    public CommandResult terminateIke(String ike, Duration timeout) {
        long seconds = Math.max(1, timeout.toSeconds());
        return checked(run(timeout.plusSeconds(5), "--terminate", "--ike", ike, "--timeout", Long.toString(seconds)));
    }

    /** {@code swanctl --terminate --child CHILD}. */
    public CommandResult terminateChild(String child, Duration timeout) {
        long seconds = Math.max(1, timeout.toSeconds());
        return checked(run(timeout.plusSeconds(5), "--terminate", "--child", child, "--timeout",
                Long.toString(seconds)));
    }

    /** {@code swanctl --rekey --child CHILD} (asynchronous in charon: await the result). */
    public CommandResult rekeyChild(String child) {
        return checked(run(Processes.DEFAULT_TIMEOUT, "--rekey", "--child", child));
    }

    /** {@code swanctl --rekey --ike IKE}. */
    public CommandResult rekeyIke(String ike) {
        return checked(run(Processes.DEFAULT_TIMEOUT, "--rekey", "--ike", ike));
    }

    /** All IKE SAs with their CHILD_SAs, parsed from {@code swanctl --list-sas --pretty}. */
    public List<IkeSa> listSas() {
        CommandResult result = checked(run(Processes.DEFAULT_TIMEOUT, "--list-sas", "--pretty"));
        List<IkeSa> sas = new ArrayList<>();
        for (ViciPretty.Message message : ViciPretty.parse(result.stdout())) {
            if (!message.name().equals("list-sa event")) {
                continue;
            }
            message.content().forEach((name, value) -> {
                if (value instanceof Map<?, ?> sa) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> typed = (Map<String, Object>) sa;
                    sas.add(IkeSa.from(name, typed));
                }
            });
        }
        return sas;
    }

    /** The first IKE SA of connection {@code ike}, if any. */
    public Optional<IkeSa> ikeSa(String ike) {
        return listSas().stream().filter(sa -> sa.name().equals(ike)).findFirst();
    }

    /** Waits until an IKE SA of connection {@code ike} is {@code ESTABLISHED}. */
    public IkeSa awaitIkeSaEstablished(String ike, Duration timeout) {
        return awaitIkeSa("IKE SA " + ike + " ESTABLISHED", timeout,
                sa -> sa.name().equals(ike) && sa.state().equals("ESTABLISHED"));
    }

    /**
     * Waits until a CHILD_SA named {@code child} is {@code INSTALLED}.
     *
     * @return the IKE SA that carries it (use {@link IkeSa#child})
     */
    public IkeSa awaitChildSaInstalled(String child, Duration timeout) {
        return awaitIkeSa("CHILD_SA " + child + " INSTALLED", timeout, sa -> sa.children().stream()
                .anyMatch(c -> c.name().equals(child) && c.state().equals("INSTALLED")));
    }

    /** Waits until charon has no IKE SA of connection {@code ike} any more. */
    public void awaitNoIkeSa(String ike, Duration timeout) {
        await("no IKE SA " + ike, timeout, () -> listSas().stream().noneMatch(sa -> sa.name().equals(ike)));
    }

    /** Waits until an IKE SA matches {@code condition}, and returns it. */
    public IkeSa awaitIkeSa(String description, Duration timeout, Predicate<IkeSa> condition) {
        IkeSa[] found = new IkeSa[1];
        await(description, timeout, () -> {
            found[0] = listSas().stream().filter(condition).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    private void await(String description, Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TestKitException("timed out after " + timeout + " waiting for " + description + " on "
                        + charon + "\n--- swanctl --list-sas ---\n"
                        + run(Processes.DEFAULT_TIMEOUT, "--list-sas").stdout() + "\n" + charon.logTail(60));
            }
            if (!charon.isAlive()) {
                throw new TestKitException(charon + " died while waiting for " + description + "\n"
                        + charon.logTail(60));
            }
            Processes.sleep(POLL);
        }
    }

    private CommandResult checked(CommandResult result) {
        if (!result.ok()) {
            throw new TestKitException(result.describe() + "\n" + charon.logTail(60));
        }
        return result;
    }
}
