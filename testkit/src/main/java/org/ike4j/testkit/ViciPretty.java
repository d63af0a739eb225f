package org.ike4j.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the output of {@code swanctl ... --pretty}: vici messages printed as nested sections
 * ({@code name {...}}), key/value pairs ({@code key = value}) and lists ({@code key = [ ... ]}).
 * Sections become {@code Map<String, Object>}, lists {@code List<String>}, values {@code String}.
 */
final class ViciPretty {

    private ViciPretty() {
    }

    /** One top-level message ({@code list-sa event {...}}) and its content. */
    record Message(String name, Map<String, Object> content) {
    }

    static List<Message> parse(String text) {
        List<Message> messages = new ArrayList<>();
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        int[] position = {0};
        while (position[0] < lines.size()) {
            String line = lines.get(position[0]++);
            if (line.endsWith("{")) {
                String name = line.substring(0, line.length() - 1).strip();
                messages.add(new Message(name, section(lines, position)));
            }
            // anything else at top level (swanctl's own chatter) is ignored
        }
        return messages;
    }

    private static Map<String, Object> section(List<String> lines, int[] position) {
        Map<String, Object> content = new LinkedHashMap<>();
        while (position[0] < lines.size()) {
            String line = lines.get(position[0]++);
            if (line.equals("}")) {
                return content;
            }
            if (line.endsWith("{")) {
                content.put(line.substring(0, line.length() - 1).strip(), section(lines, position));
                continue;
            }
            int equals = line.indexOf(" = ");
            if (equals < 0) {
                continue;
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 3).strip();
            if (value.equals("[")) {
                List<String> list = new ArrayList<>();
                while (position[0] < lines.size() && !lines.get(position[0]).equals("]")) {
                    list.add(lines.get(position[0]++));
                }
                position[0]++;   // the closing bracket
                content.put(key, List.copyOf(list));
            } else {
                content.put(key, value);
            }
        }
        return content;
    }
}
