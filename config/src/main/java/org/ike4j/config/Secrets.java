package org.ike4j.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ike4j.crypto.Secret;

/** All pre-shared keys, in file order; the best match wins, the first among equals. */
public record Secrets(List<SharedKey> sharedKeys) {

    public static final Secrets EMPTY = new Secrets(List.of());

    public Secrets {
        sharedKeys = List.copyOf(sharedKeys);
    }

    /** The PSK for the pair of identities, for a connection of this name. */
    public Optional<Secret> psk(String connection, Identity local, Identity remote) {
        SharedKey best = null;
        int bestScore = -1;
        for (SharedKey k : sharedKeys) {
            int s = k.matchScore(connection, local, remote);
            if (s > bestScore) {
                best = k;
                bestScore = s;
            }
        }
        return Optional.ofNullable(best).map(SharedKey::secret);
    }

    public Secrets plus(Secrets other) {
        List<SharedKey> all = new ArrayList<>(sharedKeys);
        all.addAll(other.sharedKeys);
        return new Secrets(all);
    }
}
