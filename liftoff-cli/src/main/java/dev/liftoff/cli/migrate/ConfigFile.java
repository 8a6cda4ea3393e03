package dev.liftoff.cli.migrate;

import dev.liftoff.migrate.config.ConfigLoader;
import dev.liftoff.migrate.config.MigrateConfig;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The {@code liftoff.yaml} argument every {@code liftoff migrate} command takes. */
public final class ConfigFile {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "FILE",
            defaultValue = "liftoff.yaml",
            description = "The migration's description (default: ${DEFAULT-VALUE} in the current directory).")
    Path file;

    /** Reads and validates the file; a bad one is a usage error naming the line and the field. */
    MigrateConfig load() {
        return ConfigLoader.load(file);
    }
}
