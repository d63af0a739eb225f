package org.ike4j.config.swanctl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ike4j.config.ChildProposal;
import org.ike4j.config.ConfigException;
import org.ike4j.config.Diagnostics;
import org.ike4j.config.IkeProposal;
import org.ike4j.config.SourceLocation;
import org.ike4j.config.strongswan.ProposalParser;
import org.ike4j.config.swanctl.SettingsSection.Value;

/**
 * proposals, esp_proposals and ah_proposals: the keywords of strongSwan's proposal strings (read
 * by the ipsec.conf front end's {@link ProposalParser}). Unlike ipsec.conf, a swanctl list is
 * exactly what is offered (strict in the model), unless it holds the word {@code default}, which
 * stands for the daemon's default proposals (not strict; ike4j offers its defaults after the
 * listed ones).
 */
final class Proposals {
    private Proposals() {
    }

    record Parsed<T>(List<T> proposals, boolean strict) {
    }

    private interface One<T> {
        List<T> parse(String part, SourceLocation at) throws ConfigException;
    }

    static Parsed<IkeProposal> ike(Value v, Diagnostics notes) throws ConfigException {
        return parse(v, notes, (part, at) -> ProposalParser.parseIke(part, v.key(), at).proposals());
    }

    static Parsed<ChildProposal> child(Value v, ChildProposal.Protocol protocol, Diagnostics notes)
            throws ConfigException {
        return parse(v, notes, (part, at) -> ProposalParser.parseChild(part, v.key(), protocol, at).proposals());
    }

    private static <T> Parsed<T> parse(Value v, Diagnostics notes, One<T> one) throws ConfigException {
        List<T> out = new ArrayList<>();
        boolean withDefault = false;
        boolean defaultLast = true;
        int offset = 0;
        SourceLocation base = v.valueLocation();
        for (String part : v.value().split(",", -1)) {
            SourceLocation at = new SourceLocation(base.file(), base.line(), base.column() + offset);
            int lead = part.length() - part.stripLeading().length();
            offset += part.length() + 1;
            String p = part.strip();
            if (p.contains("!")) {
                throw new ConfigException(new SourceLocation(at.file(), at.line(), at.column() + part.indexOf('!')),
                        "'!' is ipsec.conf syntax: a swanctl.conf proposal list is always exactly what is offered");
            }
            if (p.equalsIgnoreCase("default")) {
                withDefault = true;
                continue;
            }
            if (withDefault) {
                defaultLast = false;
            }
            if (p.isEmpty()) {
                throw new ConfigException(new SourceLocation(at.file(), at.line(), at.column() + lead),
                        "expected a proposal (e.g. aes128-sha256-x25519) or 'default' in '" + v.key() + "'");
            }
            out.addAll(one.parse(part, at));
        }
        if (withDefault && !defaultLast && !out.isEmpty()) {
            notes.note(base, "ike4j offers its default proposals after those listed in '" + v.key()
                    + "', wherever 'default' stands");
        }
        return new Parsed<>(out, !withDefault);
    }

    /** {@code part} as a whole percentage of {@code whole}, rounded; 0 when {@code whole} is 0. */
    static int percentOf(Duration part, Duration whole) {
        if (whole.isZero()) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.round(part.toMillis() * 100.0 / whole.toMillis()));
    }
}
