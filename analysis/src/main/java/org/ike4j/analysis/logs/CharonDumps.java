package org.ike4j.analysis.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The byte dumps in a charon log (strongSwan 5.x, {@code %B} in its log calls): a header line
 * {@code 13[IKE] <v2|1> Sk_ei secret => 16 bytes @ 0x7fbc6c002690} and data lines
 * {@code 13[IKE] <v2|1>    0: 2A 37 15 BE ...  *7...jaI}. Lines of different threads interleave, so
 * data lines are matched to their header by thread number. Plain (non-dump) lines are kept too,
 * with their thread and IKE SA, for the extractors that read them.
 */
final class CharonDumps {

    private static final Pattern PREFIX = Pattern.compile("(\\d+)\\[(\\w+)\\] (?:<([^>]*)> )?(.*)$");
    private static final Pattern HEADER = Pattern.compile("^(.+?) => (\\d+) bytes @ (?:0x)?[0-9a-fA-F]+\\s*$");
    private static final Pattern DATA = Pattern.compile("^\\s*\\d+: ((?:[0-9A-F]{2} )*[0-9A-F]{2})");

    /**
     * One log line or one whole dump.
     *
     * @param ikeSa charon's unique IKE SA number ({@code <name|N>} or {@code <N>}), or -1
     * @param label a dump's label, or the line's text for plain lines
     * @param bytes the dump's bytes, null for plain lines
     * @param line 1-based line number of the line or the dump's header
     */
    record Entry(int thread, String group, int ikeSa, String label, byte[] bytes, int line) {

        boolean isDump(String wanted) {
            return bytes != null && label.equals(wanted);
        }
    }

    private CharonDumps() {
    }

    static List<Entry> parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        Map<Integer, Pending> open = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = PREFIX.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            int thread = Integer.parseInt(m.group(1));
            String text = m.group(4);
            Pending pending = open.get(thread);
            Matcher data = DATA.matcher(text);
            if (pending != null && data.find()) {
                pending.hex.append(data.group(1).replace(" ", ""));
                if (pending.hex.length() >= 2 * pending.length) {
                    open.remove(thread);
                    finish(pending, entries);
                }
                continue;
            }
            if (pending != null) {
                open.remove(thread);   // the thread moved on: a dump cut short is dropped
            }
            int ikeSa = ikeSa(m.group(3));
            Matcher header = HEADER.matcher(text);
            if (header.find()) {
                Pending next = new Pending(new Entry(thread, m.group(2), ikeSa, header.group(1), null, i + 1),
                        Integer.parseInt(header.group(2)));
                if (next.length == 0) {
                    finish(next, entries);
                } else {
                    open.put(thread, next);
                }
            } else {
                entries.add(new Entry(thread, m.group(2), ikeSa, text, null, i + 1));
            }
        }
        return entries;
    }

    private static void finish(Pending p, List<Entry> entries) {
        Entry h = p.header;
        byte[] bytes = HexFormat.of().parseHex(p.hex.substring(0, 2 * p.length).toLowerCase(Locale.ROOT));
        entries.add(new Entry(h.thread(), h.group(), h.ikeSa(), h.label(), bytes, h.line()));
    }

    private static int ikeSa(String tag) {
        if (tag == null) {
            return -1;
        }
        String number = tag.substring(tag.lastIndexOf('|') + 1);
        return number.matches("\\d+") ? Integer.parseInt(number) : -1;
    }

    private static final class Pending {
        final Entry header;
        final int length;
        final StringBuilder hex = new StringBuilder();

        Pending(Entry header, int length) {
            this.header = header;
            this.length = length;
        }
    }
}
