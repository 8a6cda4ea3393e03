package dev.liftoff.postgres;

import dev.liftoff.core.PostgresUrl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** pg_dump's view of a schema, for comparing two databases without liftoff. */
final class Dumps {
    private Dumps() {}

    /** {@code pg_dump --schema-only} without owners, grants, liftoff's schema and pg_dump's per-run lines. */
    static String schema(PostgresUrl db) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(
                "pg_dump",
                "--schema-only",
                "--no-owner",
                "--no-privileges",
                "--exclude-schema=_liftoff",
                db.database()));
        pb.environment().putAll(db.libpqEnvironment());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("pg_dump failed: " + out);
        }
        return out.lines()
                .filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict"))
                .collect(Collectors.joining("\n"));
    }
}
