package org.ike4j.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Assumptions;

/**
 * What interop tests need from the machine, checked before they start.
 *
 * <p>On a developer's laptop a missing prerequisite skips the test (a JUnit assumption) with a
 * message naming what is missing and the Debian packages that provide it. When the environment
 * variable {@code CI} is {@code true} the same message fails the test instead, so that CI never
 * passes by skipping.
 *
 * <pre>{@code
 * @BeforeAll
 * static void machine() {
 *     Prerequisites.require(Requirement.STRONGSWAN);   // root, ip, unshare, charon, ...
 *     Prerequisites.require(Requirement.TSHARK);
 * }
 * }</pre>
 */
public final class Prerequisites {

    /** One thing a test needs, with how to check it and the Debian package that provides it. */
    public enum Requirement {
        /** Namespaces, veths and charon need root (CAP_NET_ADMIN, CAP_SYS_ADMIN). */
        ROOT("running as root", "", null),
        /** {@code ip} for namespaces, veths, addresses and routes. */
        IPROUTE2("/usr/sbin/ip (or /sbin/ip)", "iproute2", List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip")),
        /** {@code unshare} for charon's private mount namespace. */
        UNSHARE("/usr/bin/unshare", "util-linux", List.of("/usr/bin/unshare")),
        /** {@code nft} for NAT and packet loss inside namespaces. */
        NFTABLES("/usr/sbin/nft", "nftables", List.of("/usr/sbin/nft", "/sbin/nft")),
        /** The IKE daemon. */
        CHARON("/usr/lib/ipsec/charon", "strongswan-charon", List.of(Charon.BINARY.toString())),
        /** The vici client. */
        SWANCTL("/usr/sbin/swanctl", "strongswan-swanctl", List.of(Swanctl.BINARY.toString())),
        /** Userspace ESP over a TUN device, since the kernel has no ESP module. */
        KERNEL_LIBIPSEC(Charon.PLUGIN_DIR + "/libstrongswan-kernel-libipsec.so", "libcharon-extra-plugins",
                List.of(Charon.PLUGIN_DIR + "/libstrongswan-kernel-libipsec.so")),
        /** 3DES (gcrypt) and X25519 (curve25519) for the proposals the tests use. */
        EXTRA_CRYPTO(Charon.PLUGIN_DIR + "/libstrongswan-gcrypt.so and libstrongswan-curve25519.so",
                "libstrongswan-extra-plugins",
                List.of(Charon.PLUGIN_DIR + "/libstrongswan-gcrypt.so", Charon.PLUGIN_DIR + "/libstrongswan-curve25519.so")),
        /** The TUN device kernel-libipsec opens. */
        TUN("/dev/net/tun", "(kernel: CONFIG_TUN)", List.of("/dev/net/tun")),
        /** The legacy route: starter parses ipsec.conf, stroke drives charon. */
        STARTER("/usr/lib/ipsec/starter and /usr/lib/ipsec/stroke", "strongswan-starter",
                List.of(Charon.STARTER.toString(), Stroke.BINARY.toString())),
        /** Captures and dissection. */
        TSHARK("/usr/bin/tshark", "tshark", List.of(Tshark.BINARY.toString())),
        /** TCP and UDP traffic through a tunnel. */
        IPERF3("/usr/bin/iperf3", "iperf3", List.of("/usr/bin/iperf3")),
        /** ICMP echo through a tunnel, and its loss count ({@link Ping}). */
        PING("/usr/bin/ping (or /bin/ping)", "iputils-ping", List.of("/usr/bin/ping", "/bin/ping")),
        /** A browser for the decoder's HTML page, headless. */
        CHROMIUM("/usr/bin/chromium", "chromium", List.of("/usr/bin/chromium")),
        /**
         * Libreswan's pluto (with whack and addconn) unpacked from Debian's .deb, and NSS's certutil
         * for its database. Never {@code apt-get install libreswan}: the package conflicts with
         * strongSwan's, which the other tests need; {@code .ci/run} unpacks it ({@link Pluto}).
         */
        LIBRESWAN(Pluto.BINARY + ", " + Pluto.WHACK + ", " + Pluto.ADDCONN + " (Debian's libreswan .deb unpacked"
                + " there by .ci/run: 'apt-get download libreswan' and 'dpkg -x'; never 'apt-get install libreswan', it"
                + " removes strongSwan) and " + Pluto.CERTUTIL, "libnss3-tools",
                List.of(Pluto.BINARY.toString(), Pluto.WHACK.toString(), Pluto.ADDCONN.toString(),
                        Pluto.CERTUTIL.toString()));

        /** Everything a charon-in-a-namespace test needs. */
        public static final Set<Requirement> STRONGSWAN = EnumSet.of(ROOT, IPROUTE2, UNSHARE, NFTABLES, CHARON,
                SWANCTL, KERNEL_LIBIPSEC, EXTRA_CRYPTO, TUN);

        private final String what;
        private final String debianPackage;
        private final List<String> paths;

        /**
         * @param paths files that must exist: all of them when {@code what} names several with
         *     "and", else any one (alternative locations of the same binary)
         */
        Requirement(String what, String debianPackage, List<String> paths) {
            this.what = what;
            this.debianPackage = debianPackage;
            this.paths = paths;
        }

        /** The Debian package that provides it (empty for {@link #ROOT}). */
        public String debianPackage() {
            return debianPackage;
        }

        boolean present() {
            return switch (this) {
                case ROOT -> isRoot();
                case EXTRA_CRYPTO, STARTER, LIBRESWAN -> paths.stream().allMatch(p -> Files.exists(Path.of(p)));
                default -> paths.stream().anyMatch(p -> Files.exists(Path.of(p)));
            };
        }

        String describe() {
            return debianPackage.isEmpty() ? what : what + " [Debian package " + debianPackage + "]";
        }
    }

    private Prerequisites() {
    }

    /** Checks a set of requirements; see {@link #require(Set)}. */
    public static void require(Requirement first, Requirement... more) {
        EnumSet<Requirement> all = EnumSet.of(first, more);
        require(all);
    }

    /**
     * Skips the calling test when something is missing, or fails it when {@code CI=true}.
     *
     * @param requirements what the test needs
     */
    public static void require(Set<Requirement> requirements) {
        decide(missing(requirements), "true".equalsIgnoreCase(System.getenv("CI")));
    }

    /** Nothing missing: return; else skip (laptop) or fail (CI). */
    static void decide(List<Requirement> missing, boolean ci) {
        if (missing.isEmpty()) {
            return;
        }
        String message = message(missing);
        if (ci) {
            throw new AssertionError(message + " (CI=true: failing instead of skipping)");
        }
        Assumptions.abort(message);
    }

    /** The requirements of {@code requirements} this machine does not meet. */
    public static List<Requirement> missing(Set<Requirement> requirements) {
        List<Requirement> missing = new ArrayList<>();
        for (Requirement requirement : requirements) {
            if (!requirement.present()) {
                missing.add(requirement);
            }
        }
        return missing;
    }

    /** The skip or failure message for a list of missing requirements. */
    public static String message(List<Requirement> missing) {
        StringBuilder text = new StringBuilder("interop test prerequisites missing: ");
        Set<String> packages = new TreeSet<>();
        for (int i = 0; i < missing.size(); i++) {
            text.append(i == 0 ? "" : "; ").append(missing.get(i).describe());
            if (!missing.get(i).debianPackage().isEmpty() && !missing.get(i).debianPackage().startsWith("(")) {
                packages.add(missing.get(i).debianPackage());
            }
        }
        if (missing.contains(Requirement.ROOT)) {
            text.append(". Run the tests as root (namespaces and charon need CAP_NET_ADMIN and CAP_SYS_ADMIN)");
        }
        if (!packages.isEmpty()) {
            text.append(". Install with: apt-get install ").append(String.join(" ", packages));
        }
        return text.toString();
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] fields = line.substring(4).trim().split("\\s+");
                    return fields.length > 1 && fields[1].equals("0");   // effective uid
                }
            }
        } catch (java.io.IOException e) {
            return false;
        }
        return false;
    }
}
