package org.ike4j.cli;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ike4j.crypto.CryptoBackend;
import org.ike4j.crypto.accp.AccpBackend;
import org.ike4j.crypto.bc.BcBackend;
import org.ike4j.crypto.jca.JcaBackend;
import org.ike4j.crypto.selftest.SelfTest;
import org.ike4j.crypto.selftest.SelfTest.Outcome;
import org.ike4j.crypto.selftest.SelfTest.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ike4j selftest}: the known-answer tests the daemon runs at start, for every algorithm of
 * every crypto backend on this machine. Exit status 0 when all pass, 1 otherwise.
 */
@Command(name = "selftest", description = "Run the known-answer tests of every algorithm of every crypto backend.")
final class SelfTestCommand implements Callable<Integer> {

    @Option(names = {"-v", "--verbose"}, description = "List every check, not only failures and the summary.")
    boolean verbose;

    static List<CryptoBackend> allBackends() {
        return List.of(new JcaBackend(), new BcBackend(), new AccpBackend());
    }

    @Override
    public Integer call() {
        List<CryptoBackend> backends = allBackends();
        System.out.println("ike4j self-test: known answers for every algorithm of every crypto backend");
        for (CryptoBackend b : backends) {
            if (!b.available()) {
                System.out.println("  backend " + b.name() + ": not available on this machine");
            }
        }
        List<Result> results = new SelfTest(backends, new SecureRandom()).run();
        Map<String, int[]> perBackend = new LinkedHashMap<>();
        int passed = 0;
        int failed = 0;
        for (Result r : results) {
            int[] c = perBackend.computeIfAbsent(r.backend(), k -> new int[3]);
            c[r.outcome().ordinal()]++;
            if (r.outcome() == Outcome.PASS) {
                passed++;
            } else if (r.outcome() == Outcome.FAIL) {
                failed++;
            }
            if (r.outcome() == Outcome.FAIL || (verbose && r.outcome() == Outcome.PASS)) {
                System.out.printf("  %-4s %-5s %-12s %-20s %s%s%n", r.outcome() == Outcome.PASS ? "ok" : "FAIL",
                        r.backend(), r.family(), r.algorithm(), r.source(),
                        r.detail().isEmpty() ? "" : ": " + r.detail());
            }
        }
        for (var e : perBackend.entrySet()) {
            int[] c = e.getValue();
            System.out.printf("  %-5s %3d passed, %d failed, %d not offered%n", e.getKey(),
                    c[Outcome.PASS.ordinal()], c[Outcome.FAIL.ordinal()], c[Outcome.UNSUPPORTED.ordinal()]);
        }
        List<String> uncovered = SelfTest.uncovered(results);
        for (String u : uncovered) {
            System.out.println("  FAIL  no backend implements " + u);
        }
        System.out.println("self-test " + (failed == 0 && uncovered.isEmpty() ? "passed" : "FAILED") + ": "
                + passed + " checks passed, " + failed + " failed, " + uncovered.size() + " algorithms missing");
        return failed == 0 && uncovered.isEmpty() && passed > 0 ? 0 : 1;
    }
}
