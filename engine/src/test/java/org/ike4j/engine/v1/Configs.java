package org.ike4j.engine.v1;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.ike4j.config.Configuration;
import org.ike4j.config.strongswan.StrongSwanLoader;

/** Test configurations in ipsec.conf form, one conn each, loaded through the strongSwan front end. */
final class Configs {
    private Configs() {
    }

    /**
     * One conn {@code c} from {@code local} to {@code remote} with extra ipsec.conf lines, and a PSK
     * line for ipsec.secrets.
     */
    static Configuration strongSwan(String local, String remote, String psk, String... lines) throws Exception {
        StringBuilder conf = new StringBuilder("conn c\n\tkeyexchange=ikev1\n\tauthby=psk\n\tauto=add\n");
        conf.append("\tleft=").append(local).append("\n\tright=").append(remote).append('\n');
        for (String l : lines) {
            conf.append('\t').append(l).append('\n');
        }
        Path dir = Files.createTempDirectory("ike4j-v1");
        Path c = Files.writeString(dir.resolve("ipsec.conf"), conf);
        Path s = Files.writeString(dir.resolve("ipsec.secrets"), psk + "\n");
        Configuration cfg = new StrongSwanLoader(Set.of(InetAddress.getByName(local))).load(c, s);
        if (!cfg.errors().isEmpty()) {
            throw new AssertionError(cfg.errors().toString());
        }
        if (cfg.connection("c").isEmpty()) {
            throw new AssertionError("conn c not loaded: " + cfg.notes());
        }
        Files.delete(c);
        Files.delete(s);
        Files.delete(dir);
        return cfg;
    }

    /** Any ipsec.conf text and ipsec.secrets line, for a host with address {@code local}. */
    static Configuration strongSwanText(String local, String conf, String secrets) throws Exception {
        Path dir = Files.createTempDirectory("ike4j-v1");
        Path c = Files.writeString(dir.resolve("ipsec.conf"), conf);
        Path s = Files.writeString(dir.resolve("ipsec.secrets"), secrets + "\n");
        Configuration cfg = new StrongSwanLoader(Set.of(InetAddress.getByName(local))).load(c, s);
        Files.delete(c);
        Files.delete(s);
        Files.delete(dir);
        if (!cfg.errors().isEmpty()) {
            throw new AssertionError(cfg.errors().toString());
        }
        return cfg;
    }

    static String psk(String a, String b, String secret) {
        return a + " " + b + " : PSK \"" + secret + "\"";
    }

    static final String MOON = "10.1.0.1";
    static final String SUN = "10.2.0.2";

    /** A pair of engines, moon initiating to sun, with the given lines on each side. */
    static Harness.Peer[] pair(Harness h, List<String> moon, List<String> sun) throws Exception {
        return pair(h, moon, sun, "secret", "secret", Ikev1Options.DEFAULTS);
    }

    /** As {@link #pair(Harness, List, List)}, moon's random source seeded with {@code moonSeed}. */
    static Harness.Peer[] pair(Harness h, List<String> moon, List<String> sun, long moonSeed) throws Exception {
        return pair(h, moon, sun, "secret", "secret", Ikev1Options.DEFAULTS, moonSeed);
    }

    static Harness.Peer[] pair(Harness h, List<String> moon, List<String> sun, String moonPsk, String sunPsk,
            Ikev1Options sunOptions) throws Exception {
        return pair(h, moon, sun, moonPsk, sunPsk, sunOptions, 11);
    }

    private static Harness.Peer[] pair(Harness h, List<String> moon, List<String> sun, String moonPsk, String sunPsk,
            Ikev1Options sunOptions, long moonSeed) throws Exception {
        Harness.Peer m = h.peer("moon", MOON, strongSwan(MOON, SUN, psk(MOON, SUN, moonPsk), moon.toArray(String[]::new)),
                moonSeed);
        Harness.Peer s = h.peer("sun", SUN, strongSwan(SUN, MOON, psk(SUN, MOON, sunPsk), sun.toArray(String[]::new)), 22,
                sunOptions);
        return new Harness.Peer[] {m, s};
    }
}
