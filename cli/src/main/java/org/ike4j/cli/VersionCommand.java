package org.ike4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code ike4j version}: the release and the Java runtime it runs on. */
@Command(name = "version", description = "Print the ike4j version and the Java runtime.")
final class VersionCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        for (String line : lines()) {
            System.out.println(line);
        }
        return 0;
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        return p.getProperty("version", "unknown");
    }

    static String[] lines() {
        return new String[] {
            "ike4j " + version(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", "
                    + System.getProperty("java.home") + ")"
        };
    }

    /** Lets {@code ike4j --version} print the same. */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return lines();
        }
    }
}
