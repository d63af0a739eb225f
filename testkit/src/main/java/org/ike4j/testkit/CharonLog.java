package org.ike4j.testkit;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the hex dumps charon writes to its log at level 4 of the {@code ike} group: the DH
 * secret, SKEYSEED/SKEYID, the IKEv2 {@code Sk_*} keys, IKEv1's {@code encryption key Ka},
 * initial IVs, and so on. A dump is a header line {@code 16[IKE] <conn|1> LABEL => N bytes @ 0x...}
 * followed by lines {@code 16[IKE] <conn|1>    0: CE 82 96 ...}; lines of different threads may
 * interleave, so continuation lines are matched by thread.
 *
 * <pre>{@code
 * byte[] skEi = CharonLog.last(charon.log(), "Sk_ei secret").bytes();
 * }</pre>
 *
 * These are test keys of throwaway SAs, for decrypting captures; never log real keys like this.
 */
public final class CharonLog {

    private static final Pattern HEADER = Pattern.compile(
            "(\\d+)\\[(\\w+)\\] (?:<([^>]*)> )?(.+?) => (\\d+) bytes @ (?:0x)?[0-9a-fA-F]+\\s*$");
    private static final Pattern DATA = Pattern.compile(
            "(\\d+)\\[(\\w+)\\] (?:<[^>]*> )?\\s*\\d+: ((?:[0-9A-F]{2} ?)+)");

    private CharonLog() {
    }

    /**
     * One dump.
     *
     * @param thread charon's thread number
     * @param ikeSa the {@code conn|id} prefix when the log has {@code ike_name = yes}, else empty
     * @param label the text before {@code =>}, e.g. {@code Sk_ei secret}
     * @param bytes the dumped bytes
     */
    public record Dump(int thread, String ikeSa, String label, byte[] bytes) {

        /** The bytes as lower-case hex. */
        public String hex() {
            return HexFormat.of().formatHex(bytes);
        }

        @Override
        public String toString() {
            return "Dump[" + label + ", " + bytes.length + " bytes, thread " + thread + ", " + ikeSa + "]";
        }
    }

    /** Every complete dump with this exact label, in log order. */
    public static List<Dump> dumps(String log, String label) {
        List<Dump> found = new ArrayList<>();
        List<String> lines = log.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher header = HEADER.matcher(lines.get(i));
            if (!header.find() || !header.group(4).equals(label)) {
                continue;
            }
            String thread = header.group(1);
            int length = Integer.parseInt(header.group(5));
            StringBuilder hex = new StringBuilder();
            for (int j = i + 1; j < lines.size() && hex.length() < 2 * length; j++) {
                Matcher data = DATA.matcher(lines.get(j));
                if (data.find() && data.group(1).equals(thread)) {
                    hex.append(data.group(3).replace(" ", ""));
                } else if (HEADER.matcher(lines.get(j)).find() && lines.get(j).contains(" " + thread + "[")) {
                    break;   // this thread moved on: the dump was cut short
                }
            }
            if (hex.length() == 2 * length) {
                found.add(new Dump(Integer.parseInt(thread), header.group(3) == null ? "" : header.group(3), label,
                        HexFormat.of().parseHex(hex.toString().toLowerCase(java.util.Locale.ROOT))));
            }
        }
        return found;
    }

    /**
     * The last dump with this label.
     *
     * @throws TestKitException when there is none (is the {@code ike} log level 4?)
     */
    public static Dump last(String log, String label) {
        List<Dump> all = dumps(log, label);
        if (all.isEmpty()) {
            throw new TestKitException("no \"" + label + "\" dump in charon's log (needs log(\"ike\", 4))");
        }
        return all.get(all.size() - 1);
    }
}
