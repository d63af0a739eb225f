package org.ike4j.testkit;

import java.util.List;

/**
 * What a finished command left behind: its exit code and captured output.
 *
 * @param command the command line as run
 * @param exitCode the process's exit status
 * @param stdout everything it wrote to standard output
 * @param stderr everything it wrote to standard error
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    public CommandResult {
        command = List.copyOf(command);
    }

    /** True when the command exited with status 0. */
    public boolean ok() {
        return exitCode == 0;
    }

    /**
     * Returns this result if the command succeeded, else throws with the command and its output.
     *
     * @throws TestKitException when the exit code is not 0
     */
    public CommandResult orThrow() {
        if (!ok()) {
            throw new TestKitException(describe());
        }
        return this;
    }

    /** The command, its exit code and both outputs, for failure messages. */
    public String describe() {
        return "command " + String.join(" ", command) + " exited with " + exitCode
                + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
}
