package org.ike4j.dataplane.testing;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A thread of this JVM moved into a named network namespace with setns(2) (a namespace is a
 * property of each thread): TUN devices and sockets it opens belong to that namespace, while the
 * rest of the test stays in its own. The descriptors work from any thread afterwards.
 */
public final class InNamespace implements AutoCloseable {
    private static final int CLONE_NEWNET = 0x40000000;
    private final ExecutorService thread;

    public InNamespace(String namespace) throws Exception {
        this.thread = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("netns-" + namespace).unstarted(r));
        call(() -> {
            try {
                enter(namespace);
            } catch (Throwable t) {
                throw t instanceof Exception e ? e : new IllegalStateException(t);
            }
            return null;
        });
    }

    private static void enter(String namespace) throws Throwable {
        Linker l = Linker.nativeLinker();
        MethodHandle open = l.downcallHandle(l.defaultLookup().find("open").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        MethodHandle setns = l.downcallHandle(l.defaultLookup().find("setns").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        MethodHandle close = l.downcallHandle(l.defaultLookup().find("close").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment path = a.allocateFrom("/var/run/netns/" + namespace);
            int fd = (int) open.invokeExact(path, 0);
            if (fd < 0) {
                throw new IllegalStateException("cannot open the namespace " + namespace);
            }
            int r = (int) setns.invokeExact(fd, CLONE_NEWNET);
            int ignored = (int) close.invokeExact(fd);
            if (r != 0) {
                throw new IllegalStateException("setns into " + namespace + " failed");
            }
        }
    }

    /** Runs {@code task} on the thread inside the namespace. */
    public <T> T call(Callable<T> task) throws Exception {
        Future<T> f = thread.submit(() -> {
            try {
                return task.call();
            } catch (Throwable t) {
                throw t instanceof Exception e ? e : new RuntimeException(t);
            }
        });
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception c ? c : e;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
