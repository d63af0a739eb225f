package org.ike4j.daemon.format;

import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ike4j.engine.Snapshot;

/**
 * A {@link Snapshot} as JSON-ready maps and lists: every record component by its name, addresses
 * as {@code "ip:port"} (IPv6 as {@code "[ip]:port"}), SPIs as eight hex digits.
 */
public final class SnapshotJson {
    private SnapshotJson() {
    }

    public static Map<String, Object> of(Snapshot s) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) value("", s);
        return m;
    }

    private static Object value(String name, Object v) {
        return switch (v) {
            case null -> null;
            case Integer i when name.endsWith("Spi") -> String.format("%08x", i);
            case String s -> s;
            case Number n -> n instanceof Integer ? n : n.longValue();
            case Boolean b -> b;
            case InetSocketAddress a -> address(a);
            case List<?> l -> {
                List<Object> out = new ArrayList<>();
                for (Object o : l) {
                    out.add(value("", o));
                }
                yield out;
            }
            case Record r -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (RecordComponent c : r.getClass().getRecordComponents()) {
                    try {
                        out.put(c.getName(), value(c.getName(), c.getAccessor().invoke(r)));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
                yield out;
            }
            default -> v.toString();
        };
    }

    static String address(InetSocketAddress a) {
        return Addresses.hostPort(a);
    }
}
