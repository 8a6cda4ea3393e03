package dev.liftoff.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.liftoff.core.LiftoffException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The JSON that liftoff writes for scripts: snake_case field names from record components ({@code lagSeconds} becomes
 * {@code lag_seconds}), indented, written atomically so a reader never sees half a file.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {}

    /** The shared mapper; thread-safe, do not reconfigure. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** Writes {@code value} to {@code file} through a temporary file and an atomic rename. */
    public static void write(Path file, Object value) {
        writeString(file, toJson(value) + "\n");
    }

    /** Writes text through a temporary file beside the target and an atomic rename. */
    public static void writeString(Path file, String text) {
        Path target = file.toAbsolutePath();
        try {
            Path dir = target.getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw LiftoffException.environment(
                    "cannot write " + file + ": " + e.getMessage() + "; check the directory exists and is writable", e);
        } catch (UncheckedIOException e) {
            throw LiftoffException.environment("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
