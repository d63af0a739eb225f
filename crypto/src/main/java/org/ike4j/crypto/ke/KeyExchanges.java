package org.ike4j.crypto.ke;

import java.security.SecureRandom;
import java.util.Optional;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.KeyExchange;

/** Key exchange implementations per backend; each backend's {@code keyExchange} delegates here. */
public final class KeyExchanges {
    private KeyExchanges() {
    }

    /** The JDK's providers. */
    public static Optional<KeyExchange> jca(DhGroup group, SecureRandom random) {
        return Optional.empty();
    }

    /** BouncyCastle's lightweight API. */
    public static Optional<KeyExchange> bc(DhGroup group, SecureRandom random) {
        return Optional.empty();
    }

    /** Amazon Corretto Crypto Provider. */
    public static Optional<KeyExchange> accp(DhGroup group, SecureRandom random) {
        return Optional.empty();
    }
}
