package org.ike4j.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ICMP echo (iputils {@code ping}) from one address inside a namespace to another, and what its
 * closing summary counted: echo requests sent, replies received, duplicates.
 *
 * <p>Loss is read from the summary line ({@code N packets transmitted, M received, ...}), not from
 * the exit code: ping exits non-zero both for "some lost" and "could not start", and the test wants
 * to tell them apart. {@code -O} makes ping print {@code no answer yet for icmp_seq=N} for each
 * request whose reply did not come before the next was sent, which tells where a loss happened.
 *
 * @param transmitted echo requests sent
 * @param received echo replies received (duplicates not counted)
 * @param duplicates replies that came twice (a replay that got through would show here)
 * @param output ping's whole output, for failure messages
 */
public record Ping(int transmitted, int received, int duplicates, String output) {

    /** Path of the binary; see {@link Prerequisites.Requirement#PING}. */
    public static final String BINARY = java.nio.file.Files.exists(java.nio.file.Path.of("/usr/bin/ping"))
            ? "/usr/bin/ping" : "/bin/ping";

    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) packets transmitted, (\\d+) received(?:, \\+(\\d+) duplicates)?");

    /**
     * Sends {@code count} echo requests from {@code source} (an address of the namespace: the
     * tunnel's selector) to {@code destination}, one every {@code interval}, and waits up to 2 s
     * for the last reply.
     *
     * @throws TestKitException when ping printed no summary (it did not run)
     */
    public static Ping run(NetNamespace namespace, String source, String destination, int count, Duration interval) {
        Duration timeout = interval.multipliedBy(count).plusSeconds(15);
        CommandResult r = namespace.exec(timeout, command(source, destination, count, interval).toArray(String[]::new));
        try {
            return parse(r.stdout());
        } catch (TestKitException e) {
            throw new TestKitException("ping " + source + " -> " + destination + " printed no summary\n" + r.describe());
        }
    }

    /** The command line {@link #run} uses (numeric, {@code -O}, 2 s for the last reply). */
    public static List<String> command(String source, String destination, int count, Duration interval) {
        String seconds = String.format(Locale.ROOT, "%.3f", interval.toNanos() / 1e9);
        return List.of(BINARY, "-n", "-O", "-c", Integer.toString(count), "-i", seconds, "-W", "2", "-I", source,
                destination);
    }

    /**
     * Reads the closing summary of ping's output.
     *
     * @throws TestKitException when there is none
     */
    public static Ping parse(String output) {
        Matcher m = SUMMARY.matcher(output);
        if (!m.find()) {
            throw new TestKitException("no ping summary in: " + output);
        }
        return new Ping(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), output);
    }

    /** Requests without a reply. */
    public int lost() {
        return transmitted - received;
    }

    /** Something was sent and every request had its reply, none twice. */
    public boolean lostNone() {
        return transmitted > 0 && received == transmitted && duplicates == 0;
    }

    /** The summary and the lines about unanswered requests (at most 20), for a failure message. */
    public String describe() {
        List<String> lines = output.lines().toList();
        List<String> unanswered = lines.stream().filter(l -> l.startsWith("no answer yet")
                || l.startsWith("From ")).limit(20).toList();
        List<String> summary = lines.stream().filter(l -> l.contains("packets transmitted") || l.startsWith("rtt")).toList();
        return String.join("\n", summary) + (unanswered.isEmpty() ? "" : "\n" + String.join("\n", unanswered));
    }
}
