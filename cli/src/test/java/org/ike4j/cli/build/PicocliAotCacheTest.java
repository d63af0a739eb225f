package org.ike4j.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * Why the launcher's picocli is retargeted: the picocli jar these tests run with (the original), and its
 * copy by RetargetJar, each given a JDK 25 AOT cache by a training run of a picocli command
 * (picocli's own {@code AutoComplete --help}, which parses its options with {@code CommandLine}), then run
 * again with that cache. From the copy every picocli class comes out of the cache ("shared objects
 * file"); from the original none does, since the JVM keeps no class of version 49 in the cache.
 * The launcher's own jar is checked the same way by bench/startup.
 */
class PicocliAotCacheTest {

    private static final Pattern LOADED = Pattern.compile("\\] (picocli\\.\\S+) source: (.*)$");

    @Test
    void everyPicocliClassOfTheRetargetedJarComesFromTheAotCacheAndNoneOfTheOriginal(@TempDir Path dir)
            throws Exception {
        Path original = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path retargeted = dir.resolve("picocli-retargeted.jar");
        RetargetJar.retarget(original, retargeted);

        Map<String, String> fromOriginal = loadedWithCache(dir, "original", original);
        Map<String, String> fromRetargeted = loadedWithCache(dir, "retargeted", retargeted);

        assertTrue(fromRetargeted.containsKey("picocli.CommandLine"), fromRetargeted.keySet().toString());
        assertTrue(fromRetargeted.size() > 50, "picocli's parsing classes: " + fromRetargeted.keySet());
        List<String> notShared = new ArrayList<>();
        fromRetargeted.forEach((name, source) -> {
            if (!source.equals("shared objects file")) {
                notShared.add(name + " from " + source);
            }
        });
        assertEquals(List.of(), notShared, "retargeted picocli classes loaded from elsewhere than the cache");
        // the other way round, the reason for RetargetJar (the cache's classes are all loaded at start, so
        // the two runs' lists differ by a class or two)
        assertTrue(fromOriginal.containsKey("picocli.CommandLine"), fromOriginal.keySet().toString());
        assertTrue(fromOriginal.size() > 50, "picocli's parsing classes: " + fromOriginal.keySet());
        assertFalse(fromOriginal.containsValue("shared objects file"), "version 49 classes kept in the cache");
    }

    /** The picocli classes a run with the AOT cache of a first run loads, each with where it came from. */
    private static Map<String, String> loadedWithCache(Path dir, String name, Path jar) throws Exception {
        // one jar as the whole class path, the same in both runs: a cache is valid for one class path only
        Path cp = dir.resolve(name + ".jar");
        Files.copy(jar, cp);
        Path cache = dir.resolve(name + ".aot");
        Path log = dir.resolve(name + ".class-load.log");
        run(dir.resolve(name + ".train.out"), "-XX:AOTCacheOutput=" + cache, "-Xlog:aot=off,cds=off", "-cp",
                cp.toString(), "picocli.AutoComplete", "--help");
        assertTrue(Files.size(cache) > 0, "the training run made a cache");
        String out = run(dir.resolve(name + ".out"), "-XX:AOTCache=" + cache, "-Xlog:aot=off,cds=off",
                "-Xlog:class+load:file=" + log, "-cp", cp.toString(), "picocli.AutoComplete", "--help");
        assertTrue(out.contains("Usage: picocli.AutoComplete"), out);
        Map<String, String> loaded = new TreeMap<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = LOADED.matcher(line);
            if (m.find()) {
                loaded.put(m.group(1), m.group(2));
            }
        }
        return loaded;
    }

    /** A JVM like this one (the toolchain's JDK 25) with these arguments; its output, after a zero exit. */
    private static String run(Path output, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("no exit in 120 s: " + command);
        }
        String text = Files.readString(output);
        assertEquals(0, p.exitValue(), command + "\n" + text);
        return text;
    }
}
