package org.ike4j.config.strongswan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.ike4j.config.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ipsec.secrets file loads on its own: secrets, no connections, problems with file:line. */
class LoadSecretsTest {

    @Test
    void seedSecretsAloneAndABadLine(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("ipsec.secrets");
        Files.writeString(good, "# the seed's\n10.80.80.80 10.80.80.13 : PSK \"juniper123\"\n");
        StrongSwanLoader loader = new StrongSwanLoader(Set.of(InetAddress.getByName("10.80.80.80")));
        Configuration c = loader.loadSecrets(good);
        assertTrue(c.connections().isEmpty());
        assertTrue(c.problems().stream().noneMatch(p -> p.toString().contains("error")), c.problems()::toString);
        assertEquals(1, c.secrets().sharedKeys().size());

        Path bad = dir.resolve("bad.secrets");
        Files.writeString(bad, "10.0.0.1 : PSK\n");
        Configuration b = loader.loadSecrets(bad);
        assertTrue(b.problems().stream().anyMatch(p -> p.toString().contains("bad.secrets:1")), b.problems()::toString);
    }
}
