package org.ike4j.bench.setup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time from {@code /proc/PID/stat} (proc(5): fields 14 utime and 15 stime, in
 * clock ticks), so that {@code bench/ike-setup} can report setups per CPU second, which a shared
 * machine's load disturbs far less than setups per wall-clock second.
 */
final class ProcCpu {
    /** USER_HZ: 100 on every Linux architecture the JDK runs on (sysconf(_SC_CLK_TCK)). */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcCpu() {
    }

    /**
     * User + system CPU seconds of the process ("self" or a PID, threads included) or of one thread
     * ("PID/task/TID"), or NaN if gone.
     */
    static double seconds(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state), so field 14 is f[11] and field 15 is f[12]
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
