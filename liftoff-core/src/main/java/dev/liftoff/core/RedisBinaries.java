package dev.liftoff.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@code redis-server} to start comes from: the installed one, or the 6.2.6 binary that the embedded-redis jar
 * carries (for the demo on a machine without Redis, and for tests against an older server). Core does not depend on
 * that jar; the binary is found on the class path when the caller has it there.
 */
public final class RedisBinaries {
    private static final String BUNDLED_RESOURCE = "/redis-server-6.2.6-v5-linux-amd64";

    private RedisBinaries() {}

    /** The installed {@code redis-server}, if there is one. */
    public static Optional<Path> installed() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            Path p = Path.of(candidate);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The bundled 6.2.6 binary, written once to the temporary directory. */
    public static Path bundled() throws IOException {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "liftoff-redis-server-6.2.6");
        if (!Files.isExecutable(target)) {
            try (InputStream in = RedisBinaries.class.getResourceAsStream(BUNDLED_RESOURCE)) {
                if (in == null) {
                    throw new IOException("no redis-server installed and embedded-redis is not on the class path");
                }
                // Written beside and moved, so that two processes starting at once never run a half-written binary.
                Path tmp = Files.createTempFile("liftoff-redis-server", ".tmp");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return target;
    }

    /** The installed binary, else the bundled one. */
    public static Path installedOrBundled() throws IOException {
        Optional<Path> installed = installed();
        return installed.isPresent() ? installed.get() : bundled();
    }
}
