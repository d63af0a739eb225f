package org.ike4j.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;

import org.ike4j.analysis.decode.DecoderCrypto;
import org.ike4j.analysis.decode.KeySources;

/**
 * The key files of {@code ike4j decode}, read from the start of the process, while picocli builds
 * its model of the command line on the main thread (a fifth of a short run's wall time before
 * decoding can begin: bench/decoder, docs/performance.md). The arguments are only glanced at here:
 * {@code --keys FILE}, {@code --keys=FILE}, {@code --from-log FILE} after a first plain argument
 * {@code decode}. The command's own parse decides what is used: {@link DecodeCommand} takes a file's
 * early read only for a path it was given, and reads anything else itself; an early read nobody
 * takes is dropped when the command ends. Only regular files and directories are read early: a
 * pipe or a device would be consumed.
 */
final class KeyPrefetch {
    private static final Map<Path, FutureTask<KeySources>> STARTED = new ConcurrentHashMap<>();

    private KeyPrefetch() {
    }

    /** Starts reading the key files of a {@code decode} command line; anything else: nothing. */
    static void start(String[] args) {
        int i = 0;
        while (i < args.length && args[i].startsWith("-")) {
            i++;
        }
        if (i == args.length || !args[i].equals("decode")) {
            return;
        }
        // the decoder's crypto starts up meanwhile too (DecodeCommand asks again, to no effect)
        DecoderCrypto.startInBackground();
        int n = 0;
        for (i++; i < args.length && !args[i].equals("--"); i++) {
            String file = null;
            if ((args[i].equals("--keys") || args[i].equals("--from-log")) && i + 1 < args.length) {
                file = args[++i];
            } else if (args[i].startsWith("--keys=")) {
                file = args[i].substring("--keys=".length());
            } else if (args[i].startsWith("--from-log=")) {
                file = args[i].substring("--from-log=".length());
            }
            if (file != null) {
                startOne(file, n++);
            }
        }
    }

    private static void startOne(String file, int n) {
        Path p;
        try {
            p = Path.of(file);
        } catch (InvalidPathException e) {
            return; // the command's parse says so
        }
        if (!(Files.isRegularFile(p) || Files.isDirectory(p)) || STARTED.containsKey(p)) {
            return;
        }
        FutureTask<KeySources> load = new FutureTask<>(() -> KeySources.load(p));
        STARTED.put(p, load);
        Thread.ofPlatform().daemon().name("decode-keys-" + n).start(load);
    }

    /** The read of {@code file} started early, taken so that only one reader uses it; or null. */
    static FutureTask<KeySources> take(Path file) {
        return STARTED.remove(file);
    }

    /** The read of {@code file} started early, left in place (for tests); or null. */
    static FutureTask<KeySources> started(Path file) {
        return STARTED.get(file);
    }

    /** Drops the early reads nobody took (a command line the parse refused, a test's next run). */
    static void clear() {
        // each entry removed, then cancelled: one that a command takes meanwhile is its own
        for (Path p : STARTED.keySet()) {
            FutureTask<KeySources> f = STARTED.remove(p);
            if (f != null) {
                f.cancel(true);
            }
        }
    }
}
