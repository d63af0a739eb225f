package org.ike4j.daemon.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's four configuration files (resources next to this class, copied verbatim from the
 * seed document), with the seed's addresses replaced by the demo's: only whole addresses are
 * replaced, so {@code 10.80.80.13/24} becomes {@code 127.80.80.13/24} and nothing else changes.
 */
public final class SeedFiles {
    /** The seed's addresses: the server (strongSwan) and SRX-13. */
    public static final String SEED_SERVER = "10.80.80.80";
    public static final String SEED_SRX = "10.80.80.13";

    public static final String IPSEC_CONF = "ipsec.conf";
    public static final String IPSEC_SECRETS = "ipsec.secrets";
    public static final String SRX_CONF = "srx-13.conf";
    public static final String SRX_SET = "srx-13.set";

    private SeedFiles() {
    }

    /** A seed file's text, exactly as shipped. */
    public static String text(String name) {
        try (InputStream in = SeedFiles.class.getResourceAsStream("seed/" + name)) {
            if (in == null) {
                throw new IllegalStateException("seed file " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code text} with every whole occurrence of each key of {@code addresses} (in order)
     * replaced by its value; a digit or dot on either side means it is part of something longer.
     */
    public static String mapAddresses(String text, Map<String, String> addresses) {
        String out = text;
        for (Map.Entry<String, String> e : addresses.entrySet()) {
            Pattern p = Pattern.compile("(?<![0-9.])" + Pattern.quote(e.getKey()) + "(?![0-9]|\\.[0-9])");
            out = p.matcher(out).replaceAll(Matcher.quoteReplacement(e.getValue()));
        }
        return out;
    }

    /** The address map of the demo: seed server and SRX addresses to the given ones. */
    public static Map<String, String> addressMap(String server, String srx) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(SEED_SERVER, server);
        m.put(SEED_SRX, srx);
        return m;
    }

    /**
     * Writes the mapped files of one side into {@code dir} (same names as the seed's) and returns
     * their paths, for the daemon, which reads its configuration from files.
     */
    public static List<Path> writeMapped(Path dir, List<String> names, Map<String, String> addresses) {
        List<Path> out = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (String n : names) {
                out.add(Files.writeString(dir.resolve(n), mapAddresses(text(n), addresses), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
