package org.ike4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ike4j} command: one subcommand per job. */
@Command(name = "ike4j", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "IKEv1/IKEv2 daemon, library and analysis toolkit.",
        subcommands = {VersionCommand.class, SelfTestCommand.class, DaemonCommand.class, ControlCommands.Up.class,
            ControlCommands.Down.class, ControlCommands.Reload.class, ControlCommands.Status.class,
            ControlCommands.StatusAll.class, ControlCommands.Show.class, ControlCommands.Stop.class, DemoCommand.class,
            DecodeCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        KeyPrefetch.start(args);
        try {
            return new CommandLine(new Main()).execute(args);
        } finally {
            KeyPrefetch.clear();
        }
    }
}
