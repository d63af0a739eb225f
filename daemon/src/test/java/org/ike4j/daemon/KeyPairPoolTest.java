package org.ike4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Secret;
import org.ike4j.crypto.UnsupportedAlgorithmException;
import org.ike4j.wire.Bytes;
import org.junit.jupiter.api.Test;

/** The daemon's pool of ephemeral key pairs generated on worker threads ahead of need. */
class KeyPairPoolTest {

    /** Every key pair the generator made, and which of them were closed. */
    static final class Recording implements KeyPairPool.Generator {
        final ConcurrentLinkedQueue<KeyExchange> made = new ConcurrentLinkedQueue<>();
        final Set<KeyExchange> closed = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        final Set<String> threads = Collections.synchronizedSet(new HashSet<>());

        @Override
        public KeyExchange generate(DhGroup group, SecureRandom random) {
            threads.add(Thread.currentThread().getName());
            KeyExchange real = Crypto.defaults().keyExchange(group, random);
            KeyExchange k = new KeyExchange() {
                @Override
                public DhGroup group() {
                    return real.group();
                }

                @Override
                public byte[] publicValue() {
                    return real.publicValue();
                }

                @Override
                public Secret sharedSecret(byte[] peer) throws org.ike4j.crypto.InvalidPublicValueException {
                    return real.sharedSecret(peer);
                }

                @Override
                public void close() {
                    closed.add(this);
                    real.close();
                }
            };
            made.add(k);
            return k;
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void neverHandsOutTheSameKeyPairTwice() throws Exception {
        Recording gen = new Recording();
        List<KeyExchange> taken = Collections.synchronizedList(new ArrayList<>());
        try (KeyPairPool pool = KeyPairPool.start(2, 8, gen)) {
            pool.prefill(DhGroup.CURVE25519);
            await("a full pool", () -> pool.stats().ready() == 8);
            // three takers at once, faster than two workers refill: hits and misses both
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> takers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                takers.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < 200; i++) {
                        taken.add(pool.next(DhGroup.CURVE25519));
                    }
                }));
            }
            go.countDown();
            for (Thread t : takers) {
                t.join();
            }
            KeyPairPool.Stats st = pool.stats();
            assertEquals(600, st.hits() + st.misses(), st.toString());
            assertTrue(st.hits() >= 8, "the prefilled pairs were handed out: " + st);
        }
        Set<KeyExchange> identities = Collections.newSetFromMap(new IdentityHashMap<>());
        identities.addAll(taken);
        assertEquals(600, identities.size(), "a key pair handed out twice");
        Set<Bytes> publics = new HashSet<>();
        taken.forEach(k -> publics.add(Bytes.wrap(k.publicValue())));
        assertEquals(600, publics.size(), "two handed-out key pairs share a public value");
        for (KeyExchange k : taken) {
            assertFalse(gen.closed.contains(k), "the pool closed a key pair it had handed out");
        }
    }

    @Test
    void fillsOnWorkersUpToItsBoundAndRefillsWhatIsTaken() throws Exception {
        Recording gen = new Recording();
        try (KeyPairPool pool = KeyPairPool.start(2, 5, gen)) {
            KeyExchange first = pool.next(DhGroup.MODP_2048);   // a miss: made on this thread
            assertEquals(DhGroup.MODP_2048, first.group());
            assertEquals(1, pool.stats().misses());
            await("five ready", () -> pool.stats().ready() == 5);
            Thread.sleep(100);
            assertEquals(6, gen.made.size(), "the workers stop at the bound: " + pool.stats());
            assertTrue(gen.threads.stream().anyMatch(n -> n.startsWith("ike4j-keypairs-")), gen.threads.toString());
            List<KeyExchange> ready = new ArrayList<>(gen.made).subList(1, 6);
            KeyExchange k = pool.next(DhGroup.MODP_2048);
            assertEquals(1, pool.stats().hits());
            assertTrue(ready.stream().anyMatch(r -> r == k), "a hit is one of the pairs made ahead");
            await("refilled", () -> pool.stats().ready() == 5 && gen.made.size() == 7);
        }
    }

    @Test
    void shutdownStopsTheWorkersAndWipesWhatIsLeft() throws Exception {
        Recording gen = new Recording();
        KeyPairPool pool = KeyPairPool.start(2, 4, gen);
        pool.prefill(DhGroup.CURVE25519);
        await("four ready", () -> pool.stats().ready() == 4);
        KeyExchange handedOut = pool.next(DhGroup.CURVE25519);
        assertTrue(pool.workersAlive());
        pool.close();
        assertFalse(pool.workersAlive(), "workers still running after close");
        // everything made is closed but the pair handed out, which its SA closes
        for (KeyExchange k : gen.made) {
            if (k != handedOut) {
                assertTrue(gen.closed.contains(k), "a ready key pair was not wiped at shutdown");
            }
        }
        assertFalse(gen.closed.contains(handedOut));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.next(DhGroup.CURVE25519));
        assertTrue(e.getMessage().contains("shut down"), e.getMessage());
    }

    @Test
    void aGroupThatFailsOnTheWorkersIsNoLongerFilledAndTheCallerSeesWhy() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        KeyPairPool.Generator failing = (g, r) -> {
            calls.incrementAndGet();
            throw new UnsupportedAlgorithmException(g + " is not supported by any backend");
        };
        try (KeyPairPool pool = KeyPairPool.start(1, 4, failing)) {
            pool.prefill(DhGroup.CURVE448);
            await("a failure on the worker", () -> pool.stats().workerFailures() == 1);
            Thread.sleep(100);
            assertEquals(1, calls.get(), "the worker retried a failing group");
            assertTrue(pool.lastFailure().contains("CURVE448"), pool.lastFailure());
            UnsupportedAlgorithmException e = assertThrows(UnsupportedAlgorithmException.class,
                    () -> pool.next(DhGroup.CURVE448));
            assertTrue(e.getMessage().contains("CURVE448"), e.getMessage());
            Thread.sleep(100);
            assertEquals(2, calls.get(), "only the caller tried: its failure did not make the group wanted again");
        }
    }

    /** The daemon starts a pool for its engine and stops its workers when it stops. */
    @Test
    void theDaemonStopsItsWorkersWhenItStops(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Set<Thread> before = poolThreads();
        List<Thread> started;
        try (DaemonFixture f = new DaemonFixture(dir).start(in -> List.of())) {
            started = new ArrayList<>(poolThreads());
            started.removeAll(before);
            assertEquals(Runtime.getRuntime().availableProcessors(), started.size(), f.log());
            assertTrue(f.log().contains("key pairs from a pool filled by"), f.log());
            f.daemon.stop();
            assertTrue(f.daemon.awaitTermination(DaemonFixture.WAIT));
            assertTrue(f.log().contains("key pair pool stopped"), f.log());
        }
        for (Thread t : started) {
            assertFalse(t.isAlive(), t.getName() + " still running after the daemon stopped");
        }
    }

    /**
     * The engine's {@code Action.Compute} runs on a pool worker, not on the loop, and its outcome
     * - a result, or what the work threw - comes back to the engine as {@code Input.Computed} with
     * the same key, on the loop.
     */
    @Test
    void computationsRunOnWorkersAndComeBackToTheEngine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        org.ike4j.engine.TimerKey ok = new org.ike4j.engine.TimerKey("keys", "v2#7");
        org.ike4j.engine.TimerKey bad = new org.ike4j.engine.TimerKey("keys", "v2#8");
        Set<String> ranOn = Collections.synchronizedSet(new HashSet<>());
        Set<String> fedOn = Collections.synchronizedSet(new HashSet<>());
        try (DaemonFixture f = new DaemonFixture(dir)) {
            f.start(in -> switch (in) {
                case org.ike4j.engine.Input.Command(org.ike4j.engine.Operator.Up u) -> List.of(
                        new org.ike4j.engine.Action.Compute(ok, () -> {
                            ranOn.add(Thread.currentThread().getName());
                            return "g^ir";
                        }),
                        new org.ike4j.engine.Action.Compute(bad, () -> {
                            ranOn.add(Thread.currentThread().getName());
                            throw new org.ike4j.crypto.InvalidPublicValueException("all-zero");
                        }));
                case org.ike4j.engine.Input.Computed c -> {
                    fedOn.add(Thread.currentThread().getName());
                    yield List.of();
                }
                default -> List.of();
            });
            org.ike4j.daemon.control.ControlClient.call(f.control, org.ike4j.daemon.control.ControlProtocol.request(
                    "up", List.of("srx-13"), false), DaemonFixture.WAIT);
            DaemonFixture.await("two results", () -> f.engine.inputsOf(org.ike4j.engine.Input.Computed.class).size() == 2);
            var results = f.engine.inputsOf(org.ike4j.engine.Input.Computed.class);
            var first = results.stream().filter(c -> c.key().equals(ok)).findFirst().orElseThrow();
            var second = results.stream().filter(c -> c.key().equals(bad)).findFirst().orElseThrow();
            assertEquals("g^ir", first.result());
            assertEquals(null, first.failure());
            assertEquals(null, second.result());
            assertTrue(second.failure() instanceof org.ike4j.crypto.InvalidPublicValueException, String.valueOf(second));
            assertTrue(ranOn.stream().allMatch(n -> n.startsWith("ike4j-keypairs-")), ranOn.toString());
            assertEquals(Set.of("ike4j-loop"), fedOn);
        }
    }

    static Set<Thread> poolThreads() {
        Set<Thread> s = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("ike4j-keypairs-")) {
                s.add(t);
            }
        }
        return s;
    }

    @Test
    void theDaemonsSourceIsAPoolUnlessTurnedOff() {
        String old = System.getProperty("ike4j.ke_workers");
        try {
            System.setProperty("ike4j.ke_workers", "0");
            var inline = KeyPairPool.forDaemon(Crypto.defaults());
            assertFalse(inline instanceof KeyPairPool);
            assertEquals(DhGroup.CURVE25519, inline.next(DhGroup.CURVE25519).group());
            System.setProperty("ike4j.ke_workers", "2");
            var pooled = KeyPairPool.forDaemon(Crypto.defaults());
            assertTrue(pooled instanceof KeyPairPool);
            try (KeyPairPool p = (KeyPairPool) pooled) {
                assertEquals(2, p.workerCount());
                assertSame(DhGroup.ECP_256, p.next(DhGroup.ECP_256).group());
            }
        } finally {
            if (old == null) {
                System.clearProperty("ike4j.ke_workers");
            } else {
                System.setProperty("ike4j.ke_workers", old);
            }
        }
    }
}
