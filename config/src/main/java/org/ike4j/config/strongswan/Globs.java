package org.ike4j.config.strongswan;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands the file patterns of {@code include} lines (glob(3) style: {@code *}, {@code ?},
 * {@code [...]} in any path segment), relative to the including file's directory, sorted as
 * glob(3) sorts them.
 */
public final class Globs {
    private Globs() {
    }

    public static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    public static List<Path> expand(Path baseDir, String pattern) throws IOException {
        Path p = Path.of(pattern);
        Path root = p.isAbsolute() ? p.getRoot() : baseDir;
        List<Path> current = List.of(root);
        for (Path segment : p) {
            String seg = segment.toString();
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!hasWildcard(seg)) {
                    Path candidate = dir.resolve(seg);
                    if (Files.exists(candidate)) {
                        next.add(candidate);
                    }
                    continue;
                }
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, seg)) {
                    for (Path entry : ds) {
                        if (!entry.getFileName().toString().startsWith(".") || seg.startsWith(".")) {
                            next.add(entry);
                        }
                    }
                }
            }
            next.sort(null);
            current = next;
        }
        return current.stream().filter(Files::isRegularFile).toList();
    }
}
