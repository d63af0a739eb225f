package org.ike4j.crypto.accp;

import java.security.SecureRandom;
import java.util.Optional;
import org.ike4j.crypto.Aead;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.Cipher;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.CryptoBackend;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.Integrity;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.Prf;
import org.ike4j.crypto.PrfAlgorithm;
import org.ike4j.crypto.ke.KeyExchanges;

/** Amazon Corretto Crypto Provider (AWS-LC), where its native library loads. */
public final class AccpBackend implements CryptoBackend {

    @Override
    public String name() {
        return "accp";
    }

    @Override
    public Optional<Prf> prf(PrfAlgorithm algorithm) {
        return Optional.empty();
    }

    @Override
    public Optional<Integrity> integrity(IntegrityAlgorithm algorithm) {
        return Optional.empty();
    }

    @Override
    public Optional<Cipher> cipher(CipherAlgorithm algorithm) {
        return Optional.empty();
    }

    @Override
    public Optional<Aead> aead(AeadAlgorithm algorithm) {
        return Optional.empty();
    }

    @Override
    public Optional<KeyExchange> keyExchange(DhGroup group, SecureRandom random) {
        return KeyExchanges.accp(group, random);
    }
}
