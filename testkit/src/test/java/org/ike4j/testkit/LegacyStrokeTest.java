package org.ike4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.ike4j.testkit.Prerequisites.Requirement;
import org.junit.jupiter.api.Test;

/** The legacy route: ipsec.conf and ipsec.secrets, starter, stroke. */
@Interop(strongSwan = true, needs = Requirement.STARTER)
class LegacyStrokeTest {

    @Test
    void ikev1MainModeFromIpsecConf() {
        try (CharonPair pair = new CharonPair()) {
            pair.leftCharon = Charon.builder(pair.left).legacy(ipsecConf(true), secrets()).start();
            pair.rightCharon = Charon.builder(pair.right).legacy(ipsecConf(false), secrets()).start();
            pair.leftCharon.stroke().awaitConnectionLoaded("seed", Duration.ofSeconds(10));
            pair.rightCharon.stroke().awaitConnectionLoaded("seed", Duration.ofSeconds(10));

            pair.leftCharon.stroke().up("seed", Duration.ofSeconds(15));

            IkeSa left = pair.leftCharon.swanctl().awaitChildSaInstalled("seed", Duration.ofSeconds(10));
            IkeSa right = pair.rightCharon.swanctl().awaitChildSaInstalled("seed", Duration.ofSeconds(10));
            assertEquals(1, left.version());
            assertEquals("3DES_CBC", left.encrAlg());
            assertEquals("MODP_1024", left.dhGroup());
            assertEquals(left.initiatorSpi(), right.initiatorSpi());
            assertEquals(left.child("seed").spiIn(), right.child("seed").spiOut());
            assertTrue(pair.rightCharon.stroke().statusAll().contains("ESTABLISHED"));
            // starter is what the kit started; charon is its child
            assertNotEquals(pair.leftCharon.pid(), pair.leftCharon.charonPid());
            long charonPid = pair.leftCharon.charonPid();
            pair.leftCharon.close();
            assertFalse(ProcessHandle.of(charonPid).map(ProcessHandle::isAlive).orElse(false),
                    "charon stops with starter");
        }
    }

    private static String ipsecConf(boolean leftSide) {
        return """
                config setup

                conn seed
                    keyexchange=ikev1
                    left=%s
                    leftid=%s
                    leftsubnet=%s
                    right=%s
                    rightid=%s
                    rightsubnet=%s
                    authby=secret
                    ike=3des-md5-modp1024!
                    esp=aes128-sha1!
                    auto=add
                """.formatted(
                leftSide ? CharonPair.LEFT_IP : CharonPair.RIGHT_IP, leftSide ? CharonPair.LEFT_IP : CharonPair.RIGHT_IP,
                leftSide ? CharonPair.LEFT_NET : CharonPair.RIGHT_NET,
                leftSide ? CharonPair.RIGHT_IP : CharonPair.LEFT_IP, leftSide ? CharonPair.RIGHT_IP : CharonPair.LEFT_IP,
                leftSide ? CharonPair.RIGHT_NET : CharonPair.LEFT_NET);
    }

    private static String secrets() {
        return CharonPair.LEFT_IP + " " + CharonPair.RIGHT_IP + " : PSK \"ike4j-legacy-test-psk\"\n";
    }
}
