package org.ike4j.daemon.format;

import java.time.Instant;
import java.util.List;

/**
 * What {@code statusall} shows about the daemon itself, beside the engine's snapshot.
 *
 * @param startedAt when the daemon started
 * @param now when the status was taken
 * @param listening the bound UDP sockets, e.g. {@code 0.0.0.0/0.0.0.0:500 (IKE)}
 * @param controlSocket the control socket's path
 * @param configFiles the configuration files
 * @param engine the engine's name
 * @param dataplane the dataplane's name
 * @param installedSas IPsec SA pairs the dataplane holds
 * @param unknownSpiDrops ESP packets the dataplane dropped for an SPI no SA has (RFC 4303 3.4.2)
 */
public record DaemonInfo(Instant startedAt, Instant now, List<String> listening, String controlSocket,
                         List<String> configFiles, String engine, String dataplane, int installedSas,
                         long unknownSpiDrops) {

    public DaemonInfo {
        listening = List.copyOf(listening);
        configFiles = List.copyOf(configFiles);
    }

    /** Without a dataplane that counts unknown SPIs. */
    public DaemonInfo(Instant startedAt, Instant now, List<String> listening, String controlSocket,
                      List<String> configFiles, String engine, String dataplane, int installedSas) {
        this(startedAt, now, listening, controlSocket, configFiles, engine, dataplane, installedSas, 0);
    }
}
