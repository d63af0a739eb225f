package org.ike4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.ike4j.analysis.capture.IkePorts;
import org.ike4j.analysis.decode.Conversation;
import org.ike4j.analysis.decode.Decoder;
import org.ike4j.analysis.decode.DecoderCrypto;
import org.ike4j.analysis.decode.HtmlReport;
import org.ike4j.analysis.decode.JsonReport;
import org.ike4j.analysis.decode.KeySources;
import org.ike4j.analysis.decode.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ike4j decode CAPTURE}: every IKE message of a capture, grouped by IKE SA and decrypted
 * where keys are given; replaces the seed's grep/sed over pluto's log and the Wireshark dialog.
 * Exit status 0 when the capture was read (whatever could or could not be decrypted), 2 when a
 * file cannot be read at all.
 */
@Command(name = "decode", mixinStandardHelpOptions = true, description = {"Decode the IKE messages of a"
        + " pcap/pcapng capture (gzip too), grouped by IKE SA, decrypted with keys from Wireshark key tables or"
        + " charon/pluto logs."})
final class DecodeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CAPTURE", description = "pcap or pcapng file, gzip-compressed or not")
    Path capture;

    @Option(names = "--keys", paramLabel = "FILE", description = "Wireshark's ikev1_decryption_table,"
            + " ikev2_decryption_table or esp_sa file (any of these, or a log; told by content), or a directory"
            + " holding them (a Wireshark profile, or the daemon's --keylog DIR)")
    List<Path> keyFiles = new ArrayList<>();

    @Option(names = "--from-log", paramLabel = "FILE", description = "charon log (ike 4) or pluto log"
            + " (plutodebug=all) to take the keys from")
    List<Path> logs = new ArrayList<>();

    @Option(names = "--json", description = "one JSON document instead of text")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "also write a self-contained HTML page: a ladder"
            + " diagram with each message's decoded tree")
    Path html;

    @Option(names = "--brief", description = "one line per message, without payload trees")
    boolean brief;

    @Option(names = "--ike-port", paramLabel = "N", description = "also read IKE on this UDP port (besides 500)")
    List<Integer> ikePorts = new ArrayList<>();

    @Option(names = "--natt-port", paramLabel = "N", description = "also read NAT-T (non-ESP marker, ESP in UDP) on"
            + " this UDP port (besides 4500)")
    List<Integer> nattPorts = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "threads that decrypt and render (default:"
            + " the number of processors); the output is the same for any number")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
        if (threads < 1 || threads > 256) {
            System.err.println("ike4j decode: --threads takes 1 to 256, not " + threads);
            return 2;
        }
        // The decoder's crypto (the JDK's providers; BouncyCastle for 3DES and the HMACs, ACCP only if
        // a message needs an algorithm the JDK lacks: DecoderCrypto) starts up on another thread while
        // the key files are read, each on a thread of its own (started already by Main: KeyPrefetch).
        DecoderCrypto.startInBackground();
        IkePorts ports;
        try {
            ports = IkePorts.standardAnd(ikePorts, nattPorts);
        } catch (IllegalArgumentException e) {
            System.err.println("ike4j decode: " + e.getMessage());
            return 2;
        }
        // Each key file is read on a thread of its own; this thread reads the capture meanwhile.
        List<Path> sources = new ArrayList<>(keyFiles);
        sources.addAll(logs);
        List<FutureTask<KeySources>> loads = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Path f = sources.get(i);
            // started by Main before the command line was parsed, when it could tell (KeyPrefetch)
            FutureTask<KeySources> load = KeyPrefetch.take(f);
            if (load == null) {
                load = new FutureTask<>(() -> KeySources.load(f));
                Thread.ofPlatform().daemon().name("decode-keys-" + i).start(load);
            }
            loads.add(load);
        }
        FutureTask<KeySources> keys = new FutureTask<>(() -> {
            KeySources all = KeySources.none();
            for (int i = 0; i < sources.size(); i++) {
                try {
                    all = all.plus(loads.get(i).get());
                } catch (ExecutionException x) {
                    throw new KeyFileException(sources.get(i), x.getCause());
                }
            }
            return all;
        });
        Thread.ofPlatform().daemon().name("decode-keys").start(keys);
        Conversation c;
        try {
            c = Decoder.decode(capture, keys, ports, threads);
        } catch (ExecutionException x) {
            // a key file that cannot be read or used is the user's to fix; anything else is a bug
            if (x.getCause() instanceof KeyFileException k
                    && (k.getCause() instanceof IOException || k.getCause() instanceof IllegalArgumentException)) {
                System.err.println("ike4j decode: cannot use " + k.file + ": " + k.getCause().getMessage());
                return 2;
            }
            Throwable e = x.getCause() instanceof KeyFileException k ? k.getCause() : x.getCause();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        } catch (IOException e) {
            System.err.println("ike4j decode: " + e.getMessage());
            return 2;
        }
        if (json) {
            JsonReport.write(c, new Utf8Output(System.out));
        } else {
            TextReport.write(c, System.out, !brief, threads);
        }
        if (html != null) {
            try {
                Files.writeString(html, HtmlReport.render(c), StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("ike4j decode: cannot write " + html + ": " + e.getMessage());
                return 2;
            }
        }
        return 0;
    }

    /** A key file that could not be read, and why. */
    private static final class KeyFileException extends Exception {
        final transient Path file;

        KeyFileException(Path file, Throwable cause) {
            super(cause);
            this.file = file;
        }
    }
}
