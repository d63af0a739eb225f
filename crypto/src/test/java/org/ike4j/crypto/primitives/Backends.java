package org.ike4j.crypto.primitives;

import java.util.List;
import org.ike4j.crypto.CryptoBackend;
import org.ike4j.crypto.accp.AccpBackend;
import org.ike4j.crypto.bc.BcBackend;
import org.ike4j.crypto.jca.JcaBackend;

/** Every backend, available here or not; tests skip an unavailable one visibly. */
final class Backends {
    static final List<CryptoBackend> ALL = List.of(new JcaBackend(), new BcBackend(), new AccpBackend());

    private Backends() {
    }
}
