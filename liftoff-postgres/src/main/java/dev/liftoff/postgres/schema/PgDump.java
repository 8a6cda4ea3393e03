package dev.liftoff.postgres.schema;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.Redaction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code pg_dump} executable of a known major version. Credentials reach it through libpq's environment
 * ({@code PGPASSWORD}), never its command line. Immutable and thread-safe; each {@link #dump} runs its own process.
 */
public final class PgDump {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");
    private static final String INSTALL = "install the PostgreSQL client (apt-get install postgresql-client)";

    private final Path executable;
    private final int major;
    private final String version;

    private PgDump(Path executable, int major, String version) {
        this.executable = executable;
        this.major = major;
        this.version = version;
    }

    /**
     * Finds {@code pg_dump}: the given path, else the first on {@code PATH}; asks it for its version.
     *
     * @throws LiftoffException with {@code ENVIRONMENT} when there is none or it does not run
     */
    public static PgDump locate(Optional<Path> explicit) {
        Path exe;
        if (explicit.isPresent()) {
            exe = explicit.get();
            if (!Files.isRegularFile(exe) || !Files.isExecutable(exe)) {
                throw LiftoffException.environment("pg_dump not found at " + exe + " (given by --pg-dump); "
                        + "pass the path of an executable pg_dump, or " + INSTALL);
            }
        } else {
            exe = onPath("pg_dump")
                    .orElseThrow(() -> LiftoffException.environment(
                            "pg_dump not found on PATH; " + INSTALL + " or pass --pg-dump PATH"));
        }
        String out = versionOf(exe);
        Matcher m = VERSION.matcher(out);
        if (!m.find()) {
            throw LiftoffException.environment(exe + " --version printed '" + firstLine(out)
                    + "', not a pg_dump version; pass --pg-dump with the path of a real pg_dump");
        }
        return new PgDump(exe, Integer.parseInt(m.group(1)), m.group(0).replace("(PostgreSQL) ", ""));
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static String versionOf(Path exe) {
        try {
            Process p = new ProcessBuilder(exe.toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw LiftoffException.environment(exe + " --version did not answer in 30s; pass --pg-dump PATH");
            }
            return out;
        } catch (IOException e) {
            throw LiftoffException.environment("cannot run " + exe + ": " + e.getMessage() + "; " + INSTALL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LiftoffException.environment("interrupted while asking " + exe + " for its version", e);
        }
    }

    /** The path that runs. */
    public Path executable() {
        return executable;
    }

    /** The major version, e.g. 15. */
    public int major() {
        return major;
    }

    /** The version as printed, e.g. {@code 15.20}. */
    public String version() {
        return version;
    }

    /**
     * Refuses a pg_dump older than the server it would read: an old pg_dump cannot dump a newer server.
     *
     * @param serverMajor the source server's major version
     */
    public void requireFor(int serverMajor, PostgresUrl source) {
        if (major < serverMajor) {
            throw LiftoffException.environment("pg_dump " + version + " (" + executable + ") is older than the source "
                    + source.shortName() + " (PostgreSQL " + serverMajor + "); install pg_dump " + serverMajor
                    + " or newer (apt-get install postgresql-client-" + serverMajor + ") or pass --pg-dump PATH");
        }
    }

    /** A section of a dump. */
    public enum Section {
        PRE_DATA("pre-data"),
        POST_DATA("post-data");

        private final String option;

        Section(String option) {
            this.option = option;
        }
    }

    /**
     * Dumps one section of {@code url}'s schema as a plain-format script, blocking until pg_dump exits.
     *
     * @param snapshot an exported snapshot to dump under, held open by the caller, so the schema matches the data
     * @param keepOwners whether to keep {@code OWNER TO} statements
     * @param excludeSchemas schemas left out (liftoff's own)
     * @throws LiftoffException with {@code ENVIRONMENT} and pg_dump's own message when it fails
     */
    public String dump(
            PostgresUrl url,
            Section section,
            Optional<String> snapshot,
            boolean keepOwners,
            List<String> excludeSchemas) {
        List<String> cmd = new ArrayList<>(List.of(
                executable.toString(),
                "--section=" + section.option,
                "--no-privileges",
                "--no-publications",
                "--no-subscriptions",
                "--no-security-labels",
                "--no-tablespaces",
                "--encoding=UTF8"));
        if (!keepOwners) {
            cmd.add("--no-owner");
        }
        snapshot.ifPresent(s -> cmd.add("--snapshot=" + s));
        for (String schema : excludeSchemas) {
            cmd.add("--exclude-schema=" + schema);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.putAll(url.libpqEnvironment());
        env.put("PGAPPNAME", "liftoff");
        env.put("PGCONNECT_TIMEOUT", "10");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drain = Thread.ofPlatform()
                    .daemon()
                    .name("liftoff-pg_dump-stderr")
                    .start(() -> copy(p.getErrorStream(), err));
            byte[] out = p.getInputStream().readAllBytes();
            int code = p.waitFor();
            drain.join();
            if (code != 0) {
                String msg = lastLine(err.toString(StandardCharsets.UTF_8));
                throw LiftoffException.environment(Redaction.maskUserInfo("pg_dump " + section.option + " of source "
                        + url + " failed: " + msg + "; fix the cause pg_dump names and run again"));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw LiftoffException.environment("cannot run " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LiftoffException.environment("interrupted while pg_dump ran", e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String s) {
        String t = Objects.requireNonNullElse(s, "").strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    /** pg_dump's error line (it may add detail lines after it), without its prefix. */
    private static String lastLine(String s) {
        String t = s.strip();
        for (String line : t.split("\n")) {
            if (line.startsWith("pg_dump: error: ")) {
                return line.substring("pg_dump: error: ".length());
            }
        }
        int nl = t.lastIndexOf('\n');
        return (nl < 0 ? t : t.substring(nl + 1)).replaceFirst("^pg_dump: ", "");
    }
}
