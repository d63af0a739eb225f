package org.ike4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.ike4j.daemon.demo.MessageSummary;
import org.ike4j.daemon.demo.SeedFiles;
import org.junit.jupiter.api.Test;

/** The demo's pieces: the address mapping of the seed files and the one-line message summaries. */
class DemoSupportTest {

    @Test
    void onlyWholeAddressesAreMapped() {
        Map<String, String> m = SeedFiles.addressMap("127.80.80.80", "127.80.80.13");
        assertEquals("left=127.80.80.80\nright=127.80.80.13\n",
                SeedFiles.mapAddresses("left=10.80.80.80\nright=10.80.80.13\n", m));
        assertEquals("address 127.80.80.13/24;", SeedFiles.mapAddresses("address 10.80.80.13/24;", m));
        // part of a longer address or a longer dotted string: untouched
        for (String s : new String[] {"110.80.80.80", "10.80.80.800", "10.80.80.13.1", "1.10.80.80.80"}) {
            assertEquals(s, SeedFiles.mapAddresses(s, m));
        }
        assertEquals("127.80.80.80 127.80.80.13 : PSK \"juniper123\"",
                SeedFiles.mapAddresses("10.80.80.80 10.80.80.13 : PSK \"juniper123\"", m));
    }

    @Test
    void theSeedFilesChangeOnlyInTheirAddresses() {
        Map<String, String> m = SeedFiles.addressMap("127.80.80.80", "127.80.80.13");
        for (String name : new String[] {SeedFiles.IPSEC_CONF, SeedFiles.IPSEC_SECRETS, SeedFiles.SRX_CONF,
            SeedFiles.SRX_SET}) {
            String seed = SeedFiles.text(name);
            String mapped = SeedFiles.mapAddresses(seed, m);
            assertTrue(seed.contains("10.80.80.80") && seed.contains("10.80.80.13") || name.equals(SeedFiles.SRX_CONF)
                    || name.equals(SeedFiles.SRX_SET), name);
            assertEquals(false, mapped.contains("10.80.80."), name);
            // mapping back gives the seed again: nothing else moved
            assertEquals(seed, mapped.replace("127.80.80.", "10.80.80."), name);
        }
    }

    @Test
    void aMessageIsSummarisedByItsPayloads() {
        String tree = String.join("\n",
                "ISAKMP Message",
                "  initiator cookie: a3 05 bb c5 10 fd 36 40",
                "  exchange type: QUICK (32)",
                "  message ID: 3e8ef93e",
                "  ISAKMP Hash Payload",
                "    next payload type: SA (1)",
                "    hash data: 92 ee 26 eb",
                "  ISAKMP Security Association Payload",
                "    DOI: IPSEC (1)",
                "    ISAKMP Proposal Payload",
                "      protocol ID: PROTO_IPSEC_ESP (3)",
                "      SPI: c7 86 01 1d",
                "      ISAKMP Transform Payload (ESP)",
                "        transform ID: ESP_AES (12)",
                "        ISAKMP IPsec DOI attribute",
                "          af+type: AF+ENCAPSULATION_MODE (4)",
                "          value: [1 is TUNNEL]",
                "        ISAKMP IPsec DOI attribute",
                "          af+type: AF+SA_LIFE_TYPE (1)",
                "          value: [1 is SECONDS]",
                "        ISAKMP IPsec DOI attribute",
                "          af+type: AF+SA_LIFE_DURATION (2)",
                "          length/value: 3600",
                "        ISAKMP IPsec DOI attribute",
                "          af+type: AF+AUTH_ALGORITHM (5)",
                "          value: [2 is HMAC_SHA]",
                "        ISAKMP IPsec DOI attribute",
                "          af+type: AF+KEY_LENGTH (6)",
                "          length/value: 128",
                "  ISAKMP Nonce Payload",
                "    nonce data: 5d 91 31 68",
                "  ISAKMP Identification Payload (IPsec DOI)",
                "    ID type: ID_IPV4_ADDR_SUBNET (4)",
                "    client network: 10.1.0.0",
                "    client mask: 255.255.0.0",
                "  ISAKMP Notification Payload",
                "    Notify Message Type: RESPONDER-LIFETIME (24576)",
                "    ISAKMP IPsec DOI attribute",
                "      af+type: AF+SA_LIFE_DURATION (2)",
                "      length/value: 1200",
                "");
        assertEquals("HASH, SA (ESP_AES-128, TUNNEL, 3600 s, HMAC_SHA, SPI c786011d), NONCE, ID (10.1.0.0/16), "
                + "N (RESPONDER-LIFETIME 1200 s)", MessageSummary.payloads(tree));
        assertEquals("", MessageSummary.payloads("  not a tree"));
        assertEquals("HASH, D (ISAKMP a305bbc510fd3640/d16dd2ce1e0390ec)", MessageSummary.payloads(String.join("\n",
                "ISAKMP Message",
                "  exchange type: INFORMATIONAL (5)",
                "  ISAKMP Hash Payload",
                "    hash data: 01 02",
                "  ISAKMP Delete Payload",
                "    protocol ID: PROTO_ISAKMP (1)",
                "    SPI size: 16",
                "    SPI: a3 05 bb c5 10 fd 36 40 d1 6d d2 ce 1e 03 90 ec")));
    }
}
