package dev.liftoff.cli.redis;

import dev.liftoff.core.ByteSize;
import dev.liftoff.redis.CopyConfig;
import dev.liftoff.redis.Endpoints;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/** The options of the copy that {@code redis copy} runs and {@code redis sync} starts with. */
public final class CopyOptions {
    @Option(
            names = "--db",
            paramLabel = "N",
            description = "Copy only logical database N (default: every database that holds keys).")
    Integer db;

    @Option(
            names = "--replace",
            description = "Write into a target that already holds keys, overwriting keys of the same name.")
    boolean replace;

    @Option(
            names = "--big-key-size",
            paramLabel = "SIZE",
            defaultValue = "8MB",
            description = "Copy keys larger than this in pieces instead of one DUMP (default: ${DEFAULT-VALUE}).")
    String bigKeySize;

    @Option(
            names = "--jobs",
            paramLabel = "N",
            defaultValue = "" + CopyConfig.DEFAULT_JOBS,
            description = "Parallel connection pairs (default: ${DEFAULT-VALUE}).")
    int jobs;

    OptionalInt db() {
        return db == null ? OptionalInt.empty() : OptionalInt.of(db);
    }

    CopyConfig config(Endpoints endpoints) {
        return new CopyConfig(
                endpoints,
                db(),
                replace,
                ByteSize.parse(bigKeySize, "--big-key-size").bytes(),
                jobs);
    }
}
