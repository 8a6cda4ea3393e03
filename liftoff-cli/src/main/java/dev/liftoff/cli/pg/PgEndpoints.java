package dev.liftoff.cli.pg;

import dev.liftoff.core.PostgresUrl;
import picocli.CommandLine.Option;

/** {@code --source} and {@code --target}: the two databases of every {@code liftoff pg} command. */
public final class PgEndpoints {
    @Option(
            names = "--source",
            required = true,
            paramLabel = "URL",
            description =
                    "The database to move from, e.g. postgres://USER:PASSWORD@HOST:5432/DB (Heroku's DATABASE_URL).")
    String source;

    @Option(
            names = "--target",
            required = true,
            paramLabel = "URL",
            description = "The database to move to, e.g. postgres://USER:PASSWORD@my-rds-host:5432/DB.")
    String target;

    /** The parsed source URL; a malformed one fails with a usage error that masks the password. */
    public PostgresUrl source() {
        return PostgresUrl.parse(source);
    }

    /** The parsed target URL. */
    public PostgresUrl target() {
        return PostgresUrl.parse(target);
    }
}
