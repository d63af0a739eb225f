package org.ike4j.cli.build;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;
import static java.lang.constant.ConstantDescs.MTD_void;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.instruction.DiscontinuedInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RetargetJar on jars made here: Java 5-style classes (version 49, no stack maps) come out as version 52
 * with a StackMapTable, load (through the split verifier) and run; everything else comes out byte for
 * byte; a class it cannot rewrite fails the copy, naming the class, and leaves no jar.
 */
class RetargetJarTest {

    private static final ClassDesc BASE = ClassDesc.of("p.Base");
    private static final ClassDesc A = ClassDesc.of("p.A");
    private static final ClassDesc B = ClassDesc.of("p.B");
    private static final MethodTypeDesc NAME = MethodTypeDesc.of(CD_String);
    private static final MethodTypeDesc PICK = MethodTypeDesc.of(CD_String, CD_boolean);

    @Test
    void java5ClassesGetVersion52AndStackMapsAndRunOtherEntriesAreCopiedAsTheyWere(@TempDir Path dir)
            throws Exception {
        byte[] manifest = "Manifest-Version: 1.0\r\nCreated-By: a test\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] resource = new byte[300];
        for (int i = 0; i < resource.length; i++) {
            resource[i] = (byte) (i * 7);
        }
        byte[] modern = ClassFile.of().build(ClassDesc.of("p.Modern"), cb -> cb.withVersion(52, 0)
                .withFlags(AccessFlag.PUBLIC, AccessFlag.SUPER).withSuperclass(CD_Object));
        byte[] multiRelease = old(ClassDesc.of("p.Old"), cb -> { });
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", manifest);
        entries.put("META-INF/versions/9/p/Old.class", multiRelease);
        entries.put("p/", new byte[0]);
        entries.put("p/Base.class", base());
        entries.put("p/A.class", sub(A, "A"));
        entries.put("p/B.class", sub(B, "B"));
        entries.put("p/Old.class", oldPicker());
        entries.put("p/data.bin", resource);
        entries.put("p/Modern.class", modern);
        Path in = dir.resolve("in.jar");
        Path out = dir.resolve("out.jar");
        writeJar(in, entries, "p/data.bin");

        RetargetJar.Result result = RetargetJar.retarget(in, out);

        assertEquals(new RetargetJar.Result(4, 5), result);
        try (ZipFile zin = new ZipFile(in.toFile()); ZipFile zout = new ZipFile(out.toFile())) {
            List<String> names = new ArrayList<>();
            zout.stream().forEach(e -> names.add(e.getName()));
            assertEquals(List.copyOf(entries.keySet()), names, "same entries in the same order");
            for (String copied : List.of("META-INF/MANIFEST.MF", "META-INF/versions/9/p/Old.class", "p/",
                    "p/data.bin", "p/Modern.class")) {
                assertArrayEquals(entries.get(copied), read(zout, copied), copied);
                assertEquals(zin.getEntry(copied).getMethod(), zout.getEntry(copied).getMethod(), copied);
                assertEquals(zin.getEntry(copied).getTime(), zout.getEntry(copied).getTime(), copied);
            }
            for (String rewritten : List.of("p/Base.class", "p/A.class", "p/B.class", "p/Old.class")) {
                ClassModel before = ClassFile.of().parse(read(zin, rewritten));
                ClassModel after = ClassFile.of().parse(read(zout, rewritten));
                assertEquals(49, before.majorVersion(), rewritten);
                assertEquals(52, after.majorVersion(), rewritten);
                assertEquals(0, after.minorVersion(), rewritten);
                assertEquals(before.methods().size(), after.methods().size(), rewritten);
            }
            MethodModel pickBefore = method(ClassFile.of().parse(read(zin, "p/Old.class")), "pick");
            MethodModel pickAfter = method(ClassFile.of().parse(read(zout, "p/Old.class")), "pick");
            assertTrue(pickBefore.findAttribute(Attributes.code()).orElseThrow()
                    .findAttribute(Attributes.stackMapTable()).isEmpty(), "made without stack maps");
            var frames = pickAfter.findAttribute(Attributes.code()).orElseThrow()
                    .findAttribute(Attributes.stackMapTable()).orElseThrow().entries();
            // the join after the two branches holds an A or a B: its frame says the common supertype,
            // which only the jar's own Base.class can tell
            assertTrue(frames.stream().anyMatch(f -> f.stack().stream().anyMatch(
                    v -> v instanceof StackMapFrameInfo.ObjectVerificationTypeInfo o && o.classSymbol().equals(BASE))),
                    frames.toString());
        }
        // the split verifier checks the new stack maps when it loads them (version 52: no fallback)
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, null)) {
            Class<?> old = loader.loadClass("p.Old");
            var pick = old.getMethod("pick", boolean.class);
            assertEquals("A", pick.invoke(null, true));
            assertEquals("B", pick.invoke(null, false));
        }
    }

    @Test
    void aJarWithNothingOldIsCopiedUnchanged(@TempDir Path dir) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("q/Modern.class", ClassFile.of().build(ClassDesc.of("q.Modern"),
                cb -> cb.withVersion(52, 0).withSuperclass(CD_Object)));
        entries.put("q/readme.txt", "text".getBytes(StandardCharsets.US_ASCII));
        Path in = dir.resolve("in.jar");
        Path out = dir.resolve("out.jar");
        writeJar(in, entries, "");
        assertEquals(new RetargetJar.Result(0, 2), RetargetJar.retarget(in, out));
        try (ZipFile zout = new ZipFile(out.toFile())) {
            for (var e : entries.entrySet()) {
                assertArrayEquals(e.getValue(), read(zout, e.getKey()), e.getKey());
            }
        }
    }

    @Test
    void aSubroutineFailsTheCopyNamingTheClassAndLeavesNoJar(@TempDir Path dir) throws Exception {
        // jsr/ret (JVMS 4.10.2.5): allowed up to version 50, forbidden from 51 on, no stack map can say it
        byte[] withJsr = old(ClassDesc.of("p.Sub"), cb -> cb.withMethodBody("f", MethodTypeDesc.of(CD_void),
                ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                    var subroutine = code.newLabel();
                    code.with(DiscontinuedInstruction.JsrInstruction.of(subroutine));
                    code.return_();
                    code.labelBinding(subroutine);
                    code.astore(0);
                    code.with(DiscontinuedInstruction.RetInstruction.of(0));
                }));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("p/Base.class", base());
        entries.put("p/Sub.class", withJsr);
        Path in = dir.resolve("in.jar");
        Path out = dir.resolve("out.jar");
        writeJar(in, entries, "");

        IOException e = assertThrows(IOException.class, () -> RetargetJar.retarget(in, out));

        assertTrue(e.getMessage().startsWith("p/Sub.class: cannot generate stack maps"), e.getMessage());
        assertTrue(e.getMessage().contains("jsr"), e.getMessage());
        assertFalse(Files.exists(out), "no jar");
        assertFalse(Files.exists(dir.resolve("out.jar.tmp")), "no temporary file left");
    }

    @Test
    void aSupertypeFoundNowhereFailsTheCopyNamingTheClass(@TempDir Path dir) throws Exception {
        // like the picker, but its two branches hold classes that are neither in the jar nor in the JDK
        ClassDesc gone1 = ClassDesc.of("gone.One");
        ClassDesc gone2 = ClassDesc.of("gone.Two");
        byte[] orphan = old(ClassDesc.of("p.Orphan"), cb -> cb.withMethodBody("pick",
                MethodTypeDesc.of(CD_Object, CD_boolean), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                code -> code.iload(0)
                        .ifThenElse(t -> t.new_(gone1).dup().invokespecial(gone1, INIT_NAME, MTD_void),
                                f -> f.new_(gone2).dup().invokespecial(gone2, INIT_NAME, MTD_void))
                        .invokevirtual(CD_Object, "hashCode", MethodTypeDesc.of(CD_int))
                        .pop().aconst_null().areturn()));
        Path in = dir.resolve("in.jar");
        Path out = dir.resolve("out.jar");
        writeJar(in, Map.of("p/Orphan.class", orphan), "");

        IOException e = assertThrows(IOException.class, () -> RetargetJar.retarget(in, out));

        assertTrue(e.getMessage().startsWith("p/Orphan.class: cannot generate stack maps"), e.getMessage());
        assertTrue(e.getMessage().contains("One"), e.getMessage());
        assertFalse(Files.exists(out), "no jar");
    }

    /** A version 49 class (what javac -target 1.5 writes: no StackMapTable) with a constructor. */
    private static byte[] old(ClassDesc name, Consumer<ClassBuilder> more) {
        return old(name, CD_Object, more);
    }

    private static byte[] old(ClassDesc name, ClassDesc superclass,
            Consumer<ClassBuilder> more) {
        return ClassFile.of().build(name, cb -> {
            cb.withVersion(49, 0).withFlags(AccessFlag.PUBLIC, AccessFlag.SUPER).withSuperclass(superclass);
            cb.withMethodBody(INIT_NAME, MTD_void, ClassFile.ACC_PUBLIC,
                    code -> code.aload(0).invokespecial(superclass, INIT_NAME, MTD_void).return_());
            more.accept(cb);
        });
    }

    private static byte[] base() {
        return old(BASE, cb -> cb.withMethodBody("name", NAME, ClassFile.ACC_PUBLIC,
                code -> code.ldc("base").areturn()));
    }

    private static byte[] sub(ClassDesc name, String value) {
        return old(name, BASE, cb -> cb.withMethodBody("name", NAME, ClassFile.ACC_PUBLIC,
                code -> code.ldc(value).areturn()));
    }

    /** {@code static String pick(boolean a) { return (a ? new A() : new B()).name(); }}, in version 49. */
    private static byte[] oldPicker() {
        return old(ClassDesc.of("p.Old"), cb -> cb.withMethodBody("pick", PICK,
                ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                code -> code.iload(0)
                        .ifThenElse(t -> t.new_(A).dup().invokespecial(A, INIT_NAME, MTD_void),
                                f -> f.new_(B).dup().invokespecial(B, INIT_NAME, MTD_void))
                        .invokevirtual(BASE, "name", NAME)
                        .areturn()));
    }

    private static MethodModel method(ClassModel model, String name) {
        return model.methods().stream().filter(m -> m.methodName().equalsString(name)).findFirst().orElseThrow();
    }

    /** The entries in order, {@code stored} without compression (as a jar may have them), the rest deflated. */
    private static void writeJar(Path jar, Map<String, byte[]> entries, String stored) throws IOException {
        try (ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(jar))) {
            long time = 1_000_000_000_000L;
            for (var e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(time += 60_000);
                if (e.getKey().equals(stored) || e.getKey().endsWith("/")) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zout.putNextEntry(entry);
                zout.write(e.getValue());
                zout.closeEntry();
            }
        }
    }

    private static byte[] read(ZipFile zip, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        assertTrue(e != null, name + " in " + zip.getName());
        try (var in = zip.getInputStream(e); var buffer = new ByteArrayOutputStream()) {
            in.transferTo(buffer);
            return buffer.toByteArray();
        }
    }
}
