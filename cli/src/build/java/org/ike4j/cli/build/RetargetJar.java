package org.ike4j.cli.build;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.constant.ClassDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies a jar with its pre-Java-6 classes (class file version below 50) rewritten to version 52 with
 * stack maps, so that JDK 25's AOT cache (JEP 483) can hold them.
 *
 * <p>Why: a class of version 49 or older is verified by the old type-inferencing verifier, and the JVM
 * leaves every such class that the training run linked out of the AOT cache ("Skipping ...: Old class has
 * been linked" with {@code -Xlog:aot}), so each one is read from its jar, verified and linked again at
 * every start. picocli 4.7.7 ships all its 228 classes as Java 5 bytecode, 174 of which every
 * {@code ./ike4j} command loads; rewritten, they come from the cache (docs/performance.md, "Start-up of
 * the short commands"). The code is the same instruction for instruction: only the version changes and
 * each method gets the StackMapTable that the split verifier (JVMS 4.10.1) needs, computed by the JDK's
 * own ClassFile API ({@code java.lang.classfile}, final in 24). Version 52 rather than 50:
 * from 51 on the JVM does not fall back to the old verifier when a stack map is wrong, so a bad one
 * fails loudly instead of silently costing the cache; each rewritten class is also run through the
 * ClassFile API's verifier here, so a bad one fails the build already.
 *
 * <p>Everything else is copied as it is, entry for entry and in the same order: resources, the
 * manifest, classes of version 50 and later, and all of {@code META-INF/} (multi-release versions,
 * module-info). A class that cannot be rewritten (a {@code jsr}/{@code ret} subroutine, which version 51
 * forbids; a supertype found neither in the jar nor in the JDK) fails the whole copy with a message that
 * names it. Failing rather than copying it unchanged with a warning: the launcher builds with
 * {@code mvn -q} and shows no output of a build that succeeds, so a warning would never be read, and a
 * class left out of the cache costs its start-up time without anyone knowing.
 *
 * <p>Build-only: cli's pom runs it on the toolchain's JDK 25 (as a source-file program, JEP 330) when it
 * copies the launcher's class path into {@code cli/target/lib}. It is not part of the shipped jar.
 * Usage: {@code java RetargetJar.java IN.jar OUT.jar}.
 */
public final class RetargetJar {

    /** The first class file version with StackMapTable (Java 6); the AOT cache keeps only these. */
    static final int FIRST_WITH_STACK_MAPS = 50;
    /** Java 8's: the split verifier without fallback (JVMS 4.10). */
    static final int TARGET_MAJOR = 52;

    private RetargetJar() {
    }

    /** How many classes were rewritten, and how many entries were copied as they were. */
    public record Result(int rewritten, int copied) {
    }

    /** A class that could not be rewritten: {@code entry} is its name in the jar. */
    public static final class RetargetException extends IOException {
        private static final long serialVersionUID = 1L;

        RetargetException(String entry, String why, Throwable cause) {
            super(entry + ": " + why, cause);
        }
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: java RetargetJar.java IN.jar OUT.jar");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        try {
            Result r = retarget(in, out);
            System.out.println("RetargetJar: " + out.getFileName() + ": " + r.rewritten()
                    + " classes rewritten to version " + TARGET_MAJOR + " with stack maps, " + r.copied()
                    + " entries copied as they were");
        } catch (IOException | UncheckedIOException e) {
            System.err.println("RetargetJar: cannot retarget " + in + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Writes {@code out} (through a temporary file next to it, so a failure leaves no half-written jar)
     * from {@code in}, with every class of version below 50 rewritten.
     */
    public static Result retarget(Path in, Path out) throws IOException {
        record Entry(ZipEntry header, byte[] bytes) {
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, byte[]> byName = new HashMap<>();
        String comment;
        try (ZipFile zip = new ZipFile(in.toFile())) {
            comment = zip.getComment();
            for (var it = zip.entries(); it.hasMoreElements(); ) {
                ZipEntry e = it.nextElement();
                byte[] bytes;
                try (InputStream s = zip.getInputStream(e)) {
                    bytes = s.readAllBytes();
                }
                entries.add(new Entry(e, bytes));
                byName.put(e.getName(), bytes);
            }
        }
        ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                ClassFile.ClassHierarchyResolverOption.of(resolver(byName)));
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        int rewritten = 0;
        int copied = 0;
        try {
            try (ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(tmp))) {
                if (comment != null) {
                    zout.setComment(comment);
                }
                for (Entry e : entries) {
                    byte[] bytes = e.bytes();
                    byte[] newBytes = candidate(e.header()) ? retargetClass(classFile, e.header().getName(), bytes)
                            : null;
                    if (newBytes != null) {
                        rewritten++;
                        bytes = newBytes;
                    } else {
                        copied++;
                    }
                    zout.putNextEntry(copyOf(e.header(), bytes));
                    zout.write(bytes);
                    zout.closeEntry();
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Result(rewritten, copied);
    }

    /** A class outside META-INF/: multi-release versions and module-info are left as they are. */
    private static boolean candidate(ZipEntry e) {
        return !e.isDirectory() && e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/");
    }

    /**
     * The class rewritten, or null when it needs nothing (version 50 or later).
     *
     * @throws RetargetException naming the entry, when it does not parse, cannot be given stack maps or
     *     does not verify afterwards
     */
    static byte[] retargetClass(ClassFile classFile, String entry, byte[] bytes) throws RetargetException {
        ClassModel model;
        try {
            model = classFile.parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new RetargetException(entry, "not a class file the JDK can parse: " + e.getMessage(), e);
        }
        if (model.majorVersion() >= FIRST_WITH_STACK_MAPS) {
            return null;
        }
        byte[] result;
        try {
            // Every method body passed through unchanged, which makes the ClassFile API write the code
            // anew, with stack maps since the class is now version 52.
            result = classFile.transformClass(model, ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                    .andThen(ClassTransform.endHandler(b -> b.withVersion(TARGET_MAJOR, 0))));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new RetargetException(entry, "cannot generate stack maps for version " + TARGET_MAJOR + ": "
                    + e.getMessage(), e);
        }
        var errors = classFile.verify(result);
        if (!errors.isEmpty()) {
            throw new RetargetException(entry, "does not verify after the rewrite: " + errors.getFirst().getMessage(),
                    errors.getFirst());
        }
        return result;
    }

    /**
     * Supertypes for the stack maps' merges: the jar's own classes first, then the JDK's (read as class
     * files from the platform class loader, never loaded). Nothing from the class path of whoever runs this.
     */
    private static ClassHierarchyResolver resolver(Map<String, byte[]> byName) {
        ClassHierarchyResolver own = ClassHierarchyResolver.ofResourceParsing((ClassDesc desc) -> {
            String descriptor = desc.descriptorString();
            byte[] b = byName.get(descriptor.substring(1, descriptor.length() - 1) + ".class");
            return b == null ? null : new ByteArrayInputStream(b);
        });
        return own.orElse(ClassHierarchyResolver.ofResourceParsing(ClassLoader.getPlatformClassLoader())).cached();
    }

    /** The entry's header for the copy: name, time, comment and method as they were. */
    private static ZipEntry copyOf(ZipEntry original, byte[] bytes) {
        ZipEntry e = new ZipEntry(original.getName());
        e.setTime(original.getTime());
        if (original.getComment() != null) {
            e.setComment(original.getComment());
        }
        if (original.getMethod() == ZipEntry.STORED) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            e.setMethod(ZipEntry.STORED);
            e.setSize(bytes.length);
            e.setCompressedSize(bytes.length);
            e.setCrc(crc.getValue());
        }
        return e;
    }
}
