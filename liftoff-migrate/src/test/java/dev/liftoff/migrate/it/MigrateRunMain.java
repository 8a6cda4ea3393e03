package dev.liftoff.migrate.it;

import dev.liftoff.migrate.Migration;
import dev.liftoff.migrate.config.ConfigLoader;
import java.nio.file.Path;

/** {@code migrate run} in a process of its own, for tests that kill it mid-run: {@code MigrateRunMain FILE}. */
public final class MigrateRunMain {
    private MigrateRunMain() {}

    public static void main(String[] args) {
        Migration.run(ConfigLoader.load(Path.of(args[0])), System.getenv(), System.out::println, System.err);
    }
}
