package org.ike4j.daemon;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.ike4j.daemon.log.DebugSpec;

/**
 * How the daemon runs.
 *
 * @param configFiles configuration files, recognised by content
 * @param controlPath the control socket
 * @param ikePort the IKE port (500); 0 for an ephemeral port (tests)
 * @param nattPort the NAT-T port (4500); 0 for an ephemeral port
 * @param listen local addresses to bind; empty for the wildcard address
 * @param debug what to log, as {@code --debug} gave it; empty: what the configuration asks for
 *     ({@code plutodebug}, {@code charondebug}, Junos traceoptions), else the default levels
 * @param logFile a file to log to as well as stderr
 * @param keyLogDirectory {@code --keylog DIR}: where Wireshark's key tables are appended to; turns key
 *     logging on
 * @param shutdownGrace how long shutdown waits for the engine's deletes to go out and SAs to end
 * @param logKeys {@code --log-keys}: keys (g^xy, SKEYID*, KEYMAT) in the trace, without tables
 * @param pcapFile {@code --pcap FILE}: every IKE and ESP datagram sent and received, as a pcap file
 * @param dataplane where negotiated SAs go ({@code --dataplane})
 */
public record DaemonOptions(List<Path> configFiles, Path controlPath, int ikePort, int nattPort,
                            List<InetAddress> listen, Optional<DebugSpec> debug, Optional<Path> logFile,
                            Optional<Path> keyLogDirectory, Duration shutdownGrace, boolean logKeys,
                            Optional<Path> pcapFile, DataplaneKind dataplane) {

    public static final int IKE_PORT = 500;
    public static final int NATT_PORT = 4500;

    /** Without {@code --log-keys}, {@code --pcap} and a dataplane ({@code --dataplane none}). */
    public DaemonOptions(List<Path> configFiles, Path controlPath, int ikePort, int nattPort, List<InetAddress> listen,
                         Optional<DebugSpec> debug, Optional<Path> logFile, Optional<Path> keyLogDirectory,
                         Duration shutdownGrace) {
        this(configFiles, controlPath, ikePort, nattPort, listen, debug, logFile, keyLogDirectory, shutdownGrace, false,
                Optional.empty(), DataplaneKind.NONE);
    }

    public DaemonOptions {
        java.util.Objects.requireNonNull(dataplane);
        configFiles = List.copyOf(configFiles);
        listen = List.copyOf(listen);
        if (ikePort < 0 || ikePort > 65535 || nattPort < 0 || nattPort > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
        if (ikePort != 0 && ikePort == nattPort) {
            throw new IllegalArgumentException("the IKE and NAT-T ports must differ");
        }
    }

    /** Defaults for the given files and socket: ports 500 and 4500 on every address, log level 2. */
    public static DaemonOptions of(List<Path> configFiles, Path controlPath) {
        return new DaemonOptions(configFiles, controlPath, IKE_PORT, NATT_PORT, List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(2));
    }

    /**
     * The log levels for a configuration: {@code --debug} when given, else what the configuration
     * asks for, else the defaults.
     */
    public DebugSpec debugFor(org.ike4j.config.Configuration configuration) {
        return debug.orElseGet(() -> DebugSpec.fromConfiguration(configuration.settings().debug())
                .orElse(DebugSpec.DEFAULT));
    }

    public DaemonOptions withPorts(int ike, int natt) {
        return new DaemonOptions(configFiles, controlPath, ike, natt, listen, debug, logFile, keyLogDirectory,
                shutdownGrace, logKeys, pcapFile, dataplane);
    }

    public DaemonOptions withListen(List<InetAddress> addresses) {
        return new DaemonOptions(configFiles, controlPath, ikePort, nattPort, addresses, debug, logFile,
                keyLogDirectory, shutdownGrace, logKeys, pcapFile, dataplane);
    }

    public DaemonOptions withShutdownGrace(Duration grace) {
        return new DaemonOptions(configFiles, controlPath, ikePort, nattPort, listen, debug, logFile,
                keyLogDirectory, grace, logKeys, pcapFile, dataplane);
    }

    /** Whether keys may appear in the trace and the key log: {@code --keylog DIR} or {@code --log-keys}. */
    public boolean keyLogging() {
        return logKeys || keyLogDirectory.isPresent();
    }

    /** {@code --keylog DIR}: Wireshark's key tables appended to in DIR (and keys in the trace). */
    public DaemonOptions withKeyLog(Path directory) {
        return new DaemonOptions(configFiles, controlPath, ikePort, nattPort, listen, debug, logFile,
                Optional.of(directory), shutdownGrace, logKeys, pcapFile, dataplane);
    }

    /** {@code --log-keys}: keys in the trace. */
    public DaemonOptions withLogKeys(boolean on) {
        return new DaemonOptions(configFiles, controlPath, ikePort, nattPort, listen, debug, logFile,
                keyLogDirectory, shutdownGrace, on, pcapFile, dataplane);
    }

    /** {@code --pcap FILE}. */
    public DaemonOptions withPcap(Path file) {
        return new DaemonOptions(configFiles, controlPath, ikePort, nattPort, listen, debug, logFile,
                keyLogDirectory, shutdownGrace, logKeys, Optional.of(file), dataplane);
    }

    public DaemonOptions withDataplane(DataplaneKind kind) {
        return new DaemonOptions(configFiles, controlPath, ikePort, nattPort, listen, debug, logFile,
                keyLogDirectory, shutdownGrace, logKeys, pcapFile, kind);
    }
}
