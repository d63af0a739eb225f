package org.ike4j.cli;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The training run of the launcher's AOT cache (JDK 25, JEP 483/514/515): {@code ./ike4j} runs it
 * once per build under {@code -XX:AOTCacheOutput=}, and the classes it loads and links, with their
 * method profiles, are mapped from the cache by every later start instead of being loaded again.
 * It runs {@code decode} on each capture it is given ({@code CAPTURE KEYS} pairs: the checkout's
 * charon IKEv1 and IKEv2 captures with their logs), so that both versions' decoders, the ciphers
 * and MACs they decrypt with, and the threads that decode and render are in the cache. The
 * output goes nowhere; the exit status is the first non-zero one.
 */
final class AotTraining {

    private AotTraining() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        int status = 0;
        try {
            for (int i = 0; i + 1 < args.length; i += 2) {
                int s = Main.run("decode", args[i], "--keys", args[i + 1]);
                status = status != 0 ? status : s;
            }
        } finally {
            System.setOut(out);
        }
        System.exit(status);
    }
}
