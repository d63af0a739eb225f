package org.ike4j.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.ike4j.crypto.CryptoBackend;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.InvalidPublicValueException;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Secret;
import org.ike4j.crypto.accp.AccpBackend;
import org.ike4j.crypto.bc.BcBackend;
import org.ike4j.crypto.jca.JcaBackend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One side of a Diffie-Hellman exchange as IKE does it: a fresh private value and its public
 * value, then the shared secret from the peer's public value (validated). Per group and backend;
 * a backend that does not offer a group reports nothing for it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class KeyExchangeBench {

    @Param({"MODP_1024", "MODP_2048", "MODP_3072", "ECP_256", "ECP_384", "CURVE25519", "CURVE448"})
    public String group;

    @Param({"jca", "bc", "accp"})
    public String backend;

    private CryptoBackend b;
    private DhGroup g;
    private byte[] peerPublic;
    private final SecureRandom random = new SecureRandom();

    @Setup(Level.Trial)
    public void setUp() {
        b = switch (backend) {
            case "jca" -> new JcaBackend();
            case "bc" -> new BcBackend();
            case "accp" -> new AccpBackend();
            default -> throw new IllegalArgumentException(backend);
        };
        g = DhGroup.valueOf(group);
        if (!b.available() || b.keyExchange(g, random).isEmpty()) {
            throw new IllegalStateException(backend + " does not offer " + group + " here");
        }
        try (KeyExchange peer = b.keyExchange(g, random).orElseThrow()) {
            peerPublic = peer.publicValue();
        }
    }

    @Benchmark
    public byte[] oneSide() throws InvalidPublicValueException {
        try (KeyExchange ke = b.keyExchange(g, random).orElseThrow()) {
            byte[] pub = ke.publicValue();
            try (Secret s = ke.sharedSecret(peerPublic)) {
                return s.length() > 0 ? pub : null;
            }
        }
    }
}
