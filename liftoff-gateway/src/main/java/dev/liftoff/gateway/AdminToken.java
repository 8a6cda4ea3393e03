package dev.liftoff.gateway;

import dev.liftoff.core.LiftoffException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bearer token that guards the admin API. It is read from a file (never from the command line, where {@code ps}
 * would show it), never printed ({@link #toString()} is masked), and compared in constant time.
 */
public final class AdminToken {
    /** Shorter tokens are refused: they can be guessed over a network. */
    public static final int MIN_LENGTH = 16;

    private final String value;
    private final byte[] digest;

    private AdminToken(String value) {
        this.value = value;
        this.digest = sha256(value);
    }

    /**
     * Reads the token from the first line of a file, without surrounding whitespace.
     *
     * @throws LiftoffException with a usage code when the file is unreadable, empty or the token too short
     */
    public static AdminToken read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw LiftoffException.usage("--admin-token-file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + "); create it, e.g. openssl rand -hex 32 > " + file);
        }
        return of(text.lines().findFirst().orElse("").strip(), "--admin-token-file " + file);
    }

    /**
     * A token from a string in memory (tests, embedding).
     *
     * @param source names where the token came from, in errors
     */
    public static AdminToken of(String token, String source) {
        if (token == null || token.length() < MIN_LENGTH) {
            int n = token == null ? 0 : token.length();
            throw LiftoffException.usage(source + " holds a token of " + n + " characters; use at least " + MIN_LENGTH
                    + ", e.g. openssl rand -hex 32");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c >= 127) {
                throw LiftoffException.usage(
                        source + " holds a token with spaces or non-ASCII characters; use e.g. openssl rand -hex 32");
            }
        }
        return new AdminToken(token);
    }

    /**
     * Whether an {@code Authorization} header value is {@code Bearer <this token>}. Runs in time independent of where
     * the presented token differs, since both sides are compared as SHA-256 digests with
     * {@link MessageDigest#isEqual}.
     */
    public boolean matchesAuthorization(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(header.substring(7).strip()));
    }

    /** The {@code Authorization} header value that carries this token; for the admin client only. */
    String authorization() {
        return "Bearer " + value;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[***]";
    }
}
