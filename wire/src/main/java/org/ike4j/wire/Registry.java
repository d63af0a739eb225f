package org.ike4j.wire;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * An open enumeration over an IANA registry: the values the RFCs name are constants, and any other
 * number still decodes, prints as {@code UNKNOWN-n} and encodes back unchanged. This is how unknown
 * payload types, notify types and attributes pass through the codec as themselves.
 *
 * <p>Each registry is a record implementing {@link Code} and holding one {@code Registry} of its
 * known values:
 *
 * <pre>{@code
 * public record ExchangeType(int code, String name) implements Registry.Code {
 *     private static final Registry<ExchangeType> R = new Registry<>("exchange type", ExchangeType::new);
 *     public static final ExchangeType IDENTITY_PROTECTION = R.known(2, "ID_PROT");
 *     public static ExchangeType of(int code) { return R.of(code); }
 * }
 * }</pre>
 *
 * @param <T> the registry's record type
 */
public final class Registry<T extends Registry.Code> {

    /** One value of an IANA registry: its number and the name the RFC gives it. */
    public interface Code {
        int code();

        String name();

        /** True when the value is one the registry names (not {@code UNKNOWN-n}). */
        default boolean isKnown() {
            return !name().startsWith("UNKNOWN-");
        }
    }

    private final String registryName;
    private final BiFunction<Integer, String, T> factory;
    private final Map<Integer, T> known = new LinkedHashMap<>();
    /**
     * The named values of codes 0..255 by index: payload types, exchange types, protocol IDs and
     * most attributes are looked up for every payload of every message a capture holds, and a map
     * lookup (a boxed key and a hash) was most of the decoder's time in {@code of}.
     */
    /** The named values with codes 0..255, by code (its length is what {@link #of} assumes). */
    private final Object[] small = new Object[256];

    public Registry(String registryName, BiFunction<Integer, String, T> factory) {
        this.registryName = registryName;
        this.factory = factory;
    }

    /** Declares a named value; called from the registry type's static initialiser. */
    public T known(int code, String name) {
        T t = factory.apply(code, name);
        if (known.putIfAbsent(code, t) != null) {
            throw new IllegalStateException(registryName + ": " + code + " declared twice");
        }
        if (code >= 0 && code < small.length) {
            small[code] = t;
        }
        return t;
    }

    /** The named value for a code, or a new {@code UNKNOWN-n} value that keeps the number. */
    @SuppressWarnings("unchecked")
    public T of(int code) {
        // The common case alone (a named code below 256), small enough for C1 to inline (35 bytes of
        // bytecode at most); the rest in a method of its own.
        if ((code & ~0xFF) == 0) {
            Object t = small[code];
            if (t != null) {
                return (T) t;
            }
        }
        return notSmall(code);
    }

    @SuppressWarnings("unchecked")
    private T notSmall(int code) {
        T t = code >= 0 && code < small.length ? (T) small[code] : known.get(code);
        return t != null ? t : factory.apply(code, "UNKNOWN-" + code);
    }

    /** The named value with this name, or null. */
    public T byName(String name) {
        for (T t : known.values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }

    public Collection<T> values() {
        return Collections.unmodifiableCollection(known.values());
    }

    public String registryName() {
        return registryName;
    }
}
