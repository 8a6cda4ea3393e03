package dev.liftoff.cli.common;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code liftoff pg}, {@code liftoff redis}): run alone, it asks for one. */
public abstract class CommandGroup implements Runnable {
    @Spec
    protected CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }
}
