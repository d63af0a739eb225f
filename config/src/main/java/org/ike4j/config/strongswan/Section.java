package org.ike4j.config.strongswan;

import java.util.List;
import org.ike4j.config.SourceLocation;

/** One section of ipsec.conf as written: {@code config setup}, {@code conn NAME} or {@code ca NAME}. */
record Section(Kind kind, String name, SourceLocation location, List<Setting> settings) {

    enum Kind { CONFIG, CONN, CA }

    /** One {@code key=value} line; an empty value resets the key to its default. */
    record Setting(String key, String value, SourceLocation keyLocation, SourceLocation valueLocation) {
    }
}
