package dev.liftoff.migrate.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed {@code liftoff.yaml}. Holds no secret: URLs are environment-variable references, resolved with
 * {@link #endpoints(java.util.Map)} when a command runs. Immutable.
 *
 * @param file the file it was read from; the journal and reports live beside it
 */
public record MigrateConfig(
        Path file,
        Platform source,
        Platform target,
        GatewaySettings gateway,
        Optional<LoadTestSettings> loadTest,
        CutoverPolicy cutover) {
    public MigrateConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(loadTest, "loadTest");
        Objects.requireNonNull(cutover, "cutover");
    }

    /** Whether the app has a Redis to move (both ends name one; the loader refuses one without the other). */
    public boolean movesRedis() {
        return source.redis().isPresent();
    }

    /**
     * The connection URLs, read from the environment now.
     *
     * @throws dev.liftoff.core.LiftoffException a usage error naming the unset variable or the malformed URL, the
     *     place in the file that refers to it, never the URL's password
     */
    public Endpoints endpoints(java.util.Map<String, String> env) {
        return Endpoints.resolve(this, env);
    }

    /** The journal file: {@code liftoff.yaml} becomes {@code liftoff.journal.jsonl} in the same directory. */
    public Path journalFile() {
        return sibling(".journal.jsonl");
    }

    /** The report base name beside the file: {@code liftoff.report} + {@code .json}/{@code .html}. */
    public Path reportFile(String extension) {
        return sibling(".report." + extension);
    }

    private Path sibling(String suffix) {
        Path abs = file.toAbsolutePath();
        String name = abs.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return abs.resolveSibling(base + suffix);
    }
}
