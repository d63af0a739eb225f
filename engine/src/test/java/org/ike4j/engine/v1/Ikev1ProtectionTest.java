package org.ike4j.engine.v1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.Secret;
import org.ike4j.crypto.kdf.Ikev1HashAlgorithm;
import org.ike4j.crypto.kdf.Ikev1IvChain;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v1.IsakmpCodec;
import org.ike4j.wire.v1.PayloadChain;
import org.ike4j.wire.v1.PayloadType;
import org.junit.jupiter.api.Test;

/**
 * Quick Mode message 1 of the seed document (/work/shared/seed/000_432d16877e4ce69a.txt, pluto's
 * "encrypting:" dump, "last Phase 1 IV", "computed Phase 2 IV" and the "enc key" from pluto.log).
 */
class Ikev1ProtectionTest {
    static final String QM1_PLAINTEXT = "0100001492ee26eb83d24e6b78d4d5c0" + "729a13a80a0000340000000100000001"
            + "0000002800030401c786011d0000001c" + "000c0000800400018001000180020e10"
            + "8005000280060080050000145d913168" + "cd6deed76eb1ad1ac8db455c05000010"
            + "04000000000000000000000000000010" + "040000000000000000000000";
    static final Bytes ENC_KEY = Bytes.fromHex("820fdf71dc107c218752b4b9f637470ed285def53864f409");
    static final Bytes LAST_PHASE1_IV = Bytes.fromHex("8d5e85f338265e4d");
    static final int MESSAGE_ID = 0x3e8ef93e;
    static final Bytes PHASE2_IV = Bytes.fromHex("4860072058de69ca"); // 48 60 07 20 58 de 69 ca (c4 a5 ... truncated to 8)

    Ikev1Protection protection() {
        return new Ikev1Protection(Crypto.defaults().cipher(CipherAlgorithm.DES3_CBC), Secret.copyOf(ENC_KEY.toByteArray()),
                Ikev1HashAlgorithm.MD5, Ikev1IvChain.of(LAST_PHASE1_IV.toByteArray()), false);
    }

    @Test
    void phase2IvFromTheLastPhase1Block() {
        assertEquals(PHASE2_IV, Bytes.wrap(protection().chain(MESSAGE_ID).iv()));
    }

    @Test
    void seedQuickMode1RoundTrips() throws Exception {
        byte[] plain = Bytes.fromHex(QM1_PLAINTEXT).toByteArray();
        assertEquals(124, plain.length);
        PayloadChain chain = IsakmpCodec.decodePayloads(PayloadType.HASH, plain);
        byte[] encoded = IsakmpCodec.encodePayloads(chain);
        assertArrayEquals(plain, encoded);

        Ikev1Protection sender = protection();
        Ikev1Protection receiver = protection();
        byte[] ct = sender.encrypt(MESSAGE_ID, encoded);
        assertEquals(128, ct.length); // "emitting 4 zero bytes of encryption padding"
        assertFalse(Arrays.equals(Arrays.copyOf(ct, 124), encoded));
        Ikev1Protection.Decrypted d = receiver.decrypt(MESSAGE_ID, ct);
        assertArrayEquals(PHASE2_IV.toByteArray(), d.iv());
        assertArrayEquals(encoded, Arrays.copyOf(d.plaintext(), 124));
        assertArrayEquals(new byte[4], Arrays.copyOfRange(d.plaintext(), 124, 128));
        PayloadChain back = IsakmpCodec.decodePayloads(PayloadType.HASH, d.plaintext());
        assertEquals(chain.payloads(), back.payloads());
        // both chains moved to the last ciphertext block
        receiver.commit(MESSAGE_ID, d.next());
        assertArrayEquals(Arrays.copyOfRange(ct, 120, 128), sender.chain(MESSAGE_ID).iv());
        assertArrayEquals(sender.chain(MESSAGE_ID).iv(), receiver.chain(MESSAGE_ID).iv());
    }

    @Test
    void plutoPaddingAddsAFullBlockWhenAligned() {
        Ikev1Protection p = new Ikev1Protection(Crypto.defaults().cipher(CipherAlgorithm.DES3_CBC),
                Secret.copyOf(ENC_KEY.toByteArray()), Ikev1HashAlgorithm.MD5, Ikev1IvChain.of(new byte[8]), true);
        assertEquals(24, p.pad(new byte[16]).length);
        assertEquals(24, p.pad(new byte[20]).length);
        assertEquals(16, protection().pad(new byte[16]).length);
    }
}
