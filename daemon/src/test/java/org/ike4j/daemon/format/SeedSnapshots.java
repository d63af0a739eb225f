package org.ike4j.daemon.format;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ike4j.engine.Snapshot;
import org.ike4j.engine.Snapshot.ChildSaInfo;
import org.ike4j.engine.Snapshot.ConnectionInfo;
import org.ike4j.engine.Snapshot.IkeSaInfo;

/**
 * The seed's two SAs as each side's engine would report them: the ISAKMP SA (cookies
 * a305bbc510fd3640 / d16dd2ce1e0390ec, 3DES/MD5/MODP_1024, PSK) and the IPsec SA pair
 * (SPIs 5ef52687 toward the SRX, c786011d toward the server, AES-128/SHA1-96), with the counters
 * and remaining lifetimes the seed's status outputs print.
 */
final class SeedSnapshots {
    static final long NOW = 1_000_000_000L;
    static final InetSocketAddress SERVER = new InetSocketAddress("10.80.80.80", 500);
    static final InetSocketAddress SRX = new InetSocketAddress("10.80.80.13", 500);
    static final int SPI_TO_SRX = 0x5ef52687;
    static final int SPI_TO_SERVER = 0xc786011d;

    private SeedSnapshots() {
    }

    /** The server (strongSwan) side: it initiated, "#1" the ISAKMP SA and "#2" the IPsec SA. */
    static Snapshot server() {
        IkeSaInfo ike = new IkeSaInfo(1, "srx-13", 1, true, "MAIN_I4", true, "Main", "a305bbc510fd3640",
                "d16dd2ce1e0390ec", SERVER, SRX, "10.80.80.80", "10.80.80.13", "3DES_CBC", "HMAC_MD5_96", "HMAC_MD5",
                "MODP_1024", "pre-shared-keys", "", NOW - 20_000, NOW + 85_394_000, NOW + 86_380_000, 696, 584, 4, 5);
        ChildSaInfo child = new ChildSaInfo(2, 1, "srx-13", "QUICK_I2", "ESP", "tunnel", false, SPI_TO_SERVER,
                SPI_TO_SRX, "AES_CBC_128", "HMAC_SHA1_96", "", List.of("0.0.0.0/0"), List.of("0.0.0.0/0"),
                NOW - 20_000, NOW + 2_835_000, NOW + 3_580_000, 3600, 64, 0, 0, 0, 0);
        return new Snapshot(NOW, List.of(new ConnectionInfo("srx-13",
                "0.0.0.0/0===10.80.80.80[10.80.80.80]...10.80.80.13[10.80.80.13]===0.0.0.0/0")), List.of(ike),
                List.of(child));
    }

    /** The SRX side: responder; Junos numbers the IKE SA 2719962 and the tunnel 131073. */
    static Snapshot srx() {
        IkeSaInfo ike = new IkeSaInfo(2719962, "SERVER-BOX", 1, false, "MAIN_R3", true, "Main", "a305bbc510fd3640",
                "d16dd2ce1e0390ec", SRX, SERVER, "10.80.80.13", "10.80.80.80", "3DES_CBC", "HMAC_MD5_96", "HMAC_MD5",
                "MODP_1024", "pre-shared-keys", "", NOW - 22_000, 0, NOW + 86_378_000, 584, 696, 5, 4);
        ChildSaInfo child = new ChildSaInfo(1, 2719962, "SERVER-BOX", "QUICK_R2", "ESP", "tunnel", false, SPI_TO_SRX,
                SPI_TO_SERVER, "AES_CBC_128", "HMAC_SHA1_96", "", List.of("0.0.0.0/0"), List.of("0.0.0.0/0"),
                NOW - 22_000, NOW + 972_000, NOW + 1_175_000, 1200, 64, 0, 0, 0, 0);
        return new Snapshot(NOW, List.of(new ConnectionInfo("SERVER-BOX", "")), List.of(ike), List.of(child));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = SeedSnapshots.class.getResourceAsStream("/seed/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Text as a sequence of words: the seed's line breaks are flattened, so only word order can be compared. */
    static List<String> words(String text) {
        return List.of(text.strip().split("\\s+"));
    }
}
