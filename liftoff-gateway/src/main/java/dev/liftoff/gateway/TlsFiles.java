package dev.liftoff.gateway;

import dev.liftoff.core.LiftoffException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PEM certificate chain and its PEM private key (PKCS#8, unencrypted: {@code BEGIN PRIVATE KEY}) for terminating
 * HTTPS. The files are read when the gateway starts.
 */
public record TlsFiles(Path certificate, Path privateKey) {
    public TlsFiles {
        if (certificate == null || privateKey == null) {
            throw LiftoffException.usage("TLS needs both --tls-cert and --tls-key");
        }
        requireReadable(certificate, "--tls-cert");
        requireReadable(privateKey, "--tls-key");
    }

    private static void requireReadable(Path file, String what) {
        if (!Files.isReadable(file)) {
            throw LiftoffException.usage(what + " " + file + " is not a readable file; check the path");
        }
    }
}
