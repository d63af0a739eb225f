package org.ike4j.bench.setup;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.PeerAddress;
import org.ike4j.daemon.ConfigFiles;

/**
 * The ike4j side of {@code bench/ike-setup}: a load generator that drives IKEv2 initiators
 * ({@link org.ike4j.engine.v2.Ikev2Engine}, the daemon's engine, with its crypto defaults) over
 * UDP against a responder, and counts full setups (IKE_SA_INIT, IKE_AUTH with PSK and the first
 * Child SA, RFC 7296 section 1.2) per second over a fixed window after a warm-up.
 *
 * <p>The initiator configuration is an ipsec.conf with one {@code conn} per "slot": each slot
 * runs setup, then delete (INFORMATIONAL, RFC 7296 1.4.1), then setup again, so exactly as many
 * setups are in flight as there are connections and state never grows. Connections are grouped
 * by their {@code left} address; each address gets one engine, one UDP socket on port 500 and one
 * thread ({@link Worker}). Several source addresses are needed because a responder limits the
 * half-open IKE SAs it keeps per peer address (ike4j and charon: 5 by default).
 *
 * <p>Why engines driven in-process and not several daemons through their control sockets: the
 * control socket answers one command per connection, so re-initiating thousands of times a
 * second would cost a client process (or a JSON round trip) per setup on a 2-core machine that
 * the initiators and the responder share; here the initiator costs exactly what the engine
 * costs, with the same code a daemon runs.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.ike4j.bench.setup.IkeSetupLoad \
 *     --config initiator.conf --config initiator.secrets [--warmup 5] [--seconds 20] [--cpu-pid responder=PID]
 *     [--cpu-pid loop=PID/task/TID]
 * </pre>
 *
 * It prints one {@code key=value} result line (setups, rate, failures, CPU seconds of itself and
 * of the named processes during the window) that the script parses.
 */
public final class IkeSetupLoad {

    private IkeSetupLoad() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> configs = new ArrayList<>();
        double warmup = 5;
        double seconds = 20;
        Map<String, String> cpuPids = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> configs.add(Path.of(args[++i]));
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--cpu-pid" -> {
                    String[] kv = args[++i].split("=", 2);
                    // a process (PID) or one of its threads (PID/task/TID), as /proc names them
                    if (kv.length != 2 || !kv[1].matches("[0-9]+(/task/[0-9]+)?")) {
                        throw new IllegalArgumentException("--cpu-pid NAME=PID or NAME=PID/task/TID, not " + args[i]);
                    }
                    cpuPids.put(kv[0], kv[1]);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Map<InetAddress, List<String>> bySource = new LinkedHashMap<>();
        Configuration config = ConfigFiles.load(configs, Set.of());
        if (!config.errors().isEmpty()) {
            throw new IllegalArgumentException("configuration errors: " + config.errors());
        }
        for (Connection c : config.connections().values()) {
            if (!(c.local().address() instanceof PeerAddress.Ip ip)) {
                throw new IllegalArgumentException(c.name() + ": left must be an address");
            }
            bySource.computeIfAbsent(ip.address(), a -> new ArrayList<>()).add(c.name());
        }
        // the configuration again, now with the sources as local addresses (which side is left)
        config = ConfigFiles.load(configs, bySource.keySet());

        AtomicBoolean stop = new AtomicBoolean();
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (var e : bySource.entrySet()) {
            Worker w = new Worker(config, e.getKey(), e.getValue(), stop);
            workers.add(w);
            threads.add(Thread.ofPlatform().name("load-" + e.getKey().getHostAddress()).start(w));
        }
        System.err.printf(Locale.ROOT, "ike-setup-load: %d slots on %d source addresses, warm-up %.0f s, window %.0f s%n",
                bySource.values().stream().mapToInt(List::size).sum(), bySource.size(), warmup, seconds);

        Thread.sleep((long) (warmup * 1000));
        long[] before = workers.stream().mapToLong(Worker::completed).toArray();
        long failBefore = workers.stream().mapToLong(Worker::failures).sum();
        Map<String, Double> cpuBefore = cpu(cpuPids);
        long t0 = System.nanoTime();
        long wall0 = System.currentTimeMillis();
        Thread.sleep((long) (seconds * 1000));
        long t1 = System.nanoTime();
        long wall1 = System.currentTimeMillis();
        Map<String, Double> cpuAfter = cpu(cpuPids);
        long[] after = workers.stream().mapToLong(Worker::completed).toArray();
        long failAfter = workers.stream().mapToLong(Worker::failures).sum();
        stop.set(true);
        for (Thread t : threads) {
            t.join(5000);
        }

        long setups = 0;
        for (int i = 0; i < after.length; i++) {
            setups += after[i] - before[i];
        }
        double window = (t1 - t0) / 1e9;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "setups=%d window=%.3f rate=%.1f failures=%d window_start_ms=%d window_end_ms=%d",
                setups, window, setups / window, failAfter - failBefore, wall0, wall1));
        for (String k : cpuAfter.keySet()) {
            sb.append(String.format(Locale.ROOT, " cpu_%s=%.2f", k, cpuAfter.get(k) - cpuBefore.get(k)));
        }
        long latencies = workers.stream().mapToLong(Worker::latencyCount).sum();
        // no setup completed in the window: no latency to report, not a latency of 0
        sb.append(latencies == 0 ? " setup_latency_ms=-" : String.format(Locale.ROOT, " setup_latency_ms=%.1f",
                workers.stream().mapToDouble(Worker::latencySumMillis).sum() / latencies));
        System.out.println(sb);
        for (Worker w : workers) {
            String err = w.lastError();
            if (err != null) {
                System.err.println("ike-setup-load: " + w.source().getHostAddress() + ": last failure: " + err);
            }
        }
        System.exit(0);
    }

    /** CPU seconds (user + system) so far of this process ("self") and of the named ones, from /proc. */
    private static Map<String, Double> cpu(Map<String, String> pids) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("self", ProcCpu.seconds("self"));
        for (var e : pids.entrySet()) {
            m.put(e.getKey(), ProcCpu.seconds(e.getValue()));
        }
        return m;
    }
}
