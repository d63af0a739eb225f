package org.ike4j.config;

import java.util.List;
import org.ike4j.crypto.Secret;

/**
 * A pre-shared key and the identities it is for, as in an ipsec.secrets(5) line
 * {@code id1 id2 : PSK "..."}: no identities means any pair; one identity means any pair in which
 * either side is that identity; two or more mean a pair of which both sides are among them.
 * {@code connection}, when not null, ties the key to one connection (Junos keeps the key in the
 * IKE policy of a gateway).
 */
public record SharedKey(List<Identity> identities, Secret secret, String connection) {

    public SharedKey {
        identities = List.copyOf(identities);
        java.util.Objects.requireNonNull(secret);
    }

    /**
     * How well this key fits the pair, higher is better, or -1 if it does not apply. Per side, an
     * exact identity match counts 2 and {@code %any} 1, so a specific key wins over a wildcard; a
     * side a one-sided or selector-less entry does not name counts as {@code %any}.
     */
    public int matchScore(String connectionName, Identity local, Identity remote) {
        if (connection != null && !connection.equals(connectionName)) {
            return -1;
        }
        int bonus = connection != null ? 8 : 0;
        if (identities.isEmpty()) {
            return bonus + 2; // as if both sides were %any
        }
        int me = best(local);
        int other = best(remote);
        if (identities.size() == 1) {
            // the side not named counts as %any
            return Math.max(me, other) > 0 ? bonus + Math.max(me, other) + 1 : -1;
        }
        return me > 0 && other > 0 ? bonus + me + other : -1;
    }

    private int best(Identity id) {
        int best = 0;
        for (Identity i : identities) {
            best = Math.max(best, i.matchScore(id));
        }
        return best;
    }

    @Override
    public String toString() {
        return "SharedKey" + identities + (connection != null ? " for " + connection : "") + " : PSK " + secret;
    }
}
