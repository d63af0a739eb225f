package org.ike4j.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ike4j.daemon.capture.PacketSink;
import org.ike4j.daemon.capture.PcapFileSink;
import org.ike4j.daemon.keylog.KeyLogWriter;
import org.ike4j.daemon.log.Log;
import org.ike4j.engine.ChildSa;
import org.ike4j.engine.KeyLogEntry;

/**
 * What the daemon writes for seeing inside its exchanges besides the log: Wireshark's key tables
 * ({@code --keylog DIR}) and a capture of its own datagrams ({@code --pcap FILE}). Opened before
 * the sockets, closed after them; says at start, as a warning, that keys are being logged.
 */
final class DaemonDiagnostics implements AutoCloseable {
    private final Log log;
    private final KeyLogWriter keyLog;
    private final PcapFileSink pcap;

    private DaemonDiagnostics(Log log, KeyLogWriter keyLog, PcapFileSink pcap) {
        this.log = log;
        this.keyLog = keyLog;
        this.pcap = pcap;
    }

    static DaemonDiagnostics open(DaemonOptions options, Log log) throws IOException {
        KeyLogWriter keys = null;
        if (options.keyLogDirectory().isPresent()) {
            Path dir = options.keyLogDirectory().get();
            if (!Files.isDirectory(dir)) {
                throw new IOException("--keylog " + dir + " is not a directory");
            }
            keys = new KeyLogWriter(dir);
        }
        if (options.keyLogging()) {
            log.warn("dmn", "KEY LOGGING IS ON: secret keys (g^xy, SKEYID*, KEYMAT) are written to the trace"
                    + options.keyLogDirectory().map(d -> " and Wireshark's key tables in " + d).orElse("")
                    + "; for debugging only");
        }
        PcapFileSink pcap = null;
        if (options.pcapFile().isPresent()) {
            pcap = PcapFileSink.create(options.pcapFile().get(), problem -> log.warn("net", problem));
            log.info("net", "writing every IKE and ESP datagram sent and received to " + options.pcapFile().get());
        }
        return new DaemonDiagnostics(log, keys, pcap);
    }

    PacketSink packets() {
        return pcap == null ? PacketSink.NONE : pcap;
    }

    /** Writes an IKE SA's row and wipes the entry's keys; without {@code --keylog} only the wiping. */
    void keys(KeyLogEntry entry) {
        try {
            if (keyLog != null) {
                report(keyLog.write(entry));
            }
        } catch (IOException e) {
            log.warn("dmn", "key log: " + e.getMessage());
        } finally {
            entry.destroy();
        }
    }

    /** Writes an installed ESP SA pair's rows, with {@code --keylog}. */
    void keys(ChildSa sa) {
        if (keyLog == null) {
            return;
        }
        try {
            report(keyLog.write(sa));
        } catch (IOException e) {
            log.warn("dmn", "key log: " + e.getMessage());
        }
    }

    private void report(KeyLogWriter.Written w) {
        for (String s : w.written()) {
            log.info("dmn", "key log: " + s + " appended in " + keyLog.directory());
        }
        for (String s : w.skipped()) {
            log.warn("dmn", "key log: no " + s);
        }
    }

    @Override
    public void close() {
        if (pcap != null) {
            try {
                pcap.close();
            } catch (IOException e) {
                log.warn("net", "closing the pcap file: " + e.getMessage());
            }
        }
    }
}
