package org.ike4j.dataplane.tun;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link LinkConfig} through iproute2's {@code ip}: simple and visible in a trace, at the price of a
 * process per change (tunnels change rarely). With a namespace name, each command runs as
 * {@code ip -n NAME ...} (tests that stay in the root namespace).
 */
public final class IpRoute2 implements LinkConfig {
    private static final String IP = firstExisting("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip");
    private final String namespace;

    /** @param namespace a named network namespace, or null for the current one */
    public IpRoute2(String namespace) {
        this.namespace = namespace;
    }

    public IpRoute2() {
        this(null);
    }

    private static String firstExisting(String... paths) {
        for (String p : paths) {
            if (new java.io.File(p).canExecute()) {
                return p;
            }
        }
        return "ip";
    }

    @Override
    public void up(String device, int mtu) throws IOException {
        run("link", "set", "dev", device, "mtu", Integer.toString(mtu), "txqueuelen", "1000", "up");
    }

    @Override
    public void addAddress(String device, String cidr) throws IOException {
        run("address", "replace", cidr, "dev", device);
    }

    @Override
    public void addRoute(String device, String cidr, String src) throws IOException {
        // add, never replace: a route of someone else's for the same prefix stays, and our removal
        // (with the device) cannot take it away
        if (src == null) {
            run("route", "add", cidr, "dev", device);
        } else {
            run("route", "add", cidr, "dev", device, "src", src);
        }
    }

    @Override
    public void deleteRoute(String device, String cidr) throws IOException {
        try {
            run("route", "del", cidr, "dev", device);
        } catch (IOException e) {
            // already gone with its device
        }
    }

    @Override
    public boolean pinHost(String address) throws IOException {
        String[] words = run("route", "get", address).strip().split("\\s+");
        String via = null;
        String dev = null;
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("via")) {
                via = words[i + 1];
            } else if (words[i].equals("dev")) {
                dev = words[i + 1];
            }
        }
        if (dev == null || dev.equals("lo")) {
            return false;
        }
        String host = address + (address.contains(":") ? "/128" : "/32");
        if (via == null) {
            run("route", "replace", host, "dev", dev);
        } else {
            run("route", "replace", host, "via", via, "dev", dev);
        }
        return true;
    }

    @Override
    public void unpinHost(String address) throws IOException {
        try {
            run("route", "del", address + (address.contains(":") ? "/128" : "/32"));
        } catch (IOException e) {
            // gone already
        }
    }

    /** Runs {@code ip ARGS}; the output when it succeeds. */
    public String run(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(IP));
        if (namespace != null) {
            command.addAll(List.of("-n", namespace));
        }
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out;
            try (var in = p.getInputStream()) {
                out = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": timed out");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + ": " + out.strip());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }
}
