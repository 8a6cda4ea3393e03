package dev.liftoff.migrate.runbook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.Redaction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The runbook's durable memory: one JSON object per line in a file beside {@code liftoff.yaml}, appended and
 * {@code fsync}'d before the runbook goes on, so that whatever a crash interrupts, the journal says which phase was
 * running. A file rather than a table on the target, because the journal must record a preflight that cannot reach
 * the target, must be readable by {@code migrate status} without credentials, and must not leave runbook state in what
 * becomes the production database (the data capabilities keep their own exactly-once bookkeeping there).
 *
 * <p>An open journal holds an exclusive lock on its file, so two runs of one migration cannot interleave. A line torn
 * by a crash mid-write is cut off when the journal is next opened for writing, and ignored when it is read. Not
 * thread-safe: the runbook's thread writes it. The caller closes it.
 */
public final class Journal implements AutoCloseable {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final List<JournalEntry> entries;

    private Journal(Path file, FileChannel channel, FileLock lock, List<JournalEntry> entries) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.entries = entries;
    }

    /**
     * Opens (creating when missing) a journal for writing, cutting off a torn last line.
     *
     * @throws LiftoffException an environment error when the file cannot be written or another run holds it
     */
    public static Journal open(Path file) {
        Path abs = file.toAbsolutePath();
        boolean created = !Files.exists(abs);
        FileChannel channel = null;
        try {
            channel =
                    FileChannel.open(abs, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw LiftoffException.environment("journal " + abs + " is in use by another liftoff migrate run;"
                        + " wait for it to finish or stop it first");
            }
            byte[] bytes = Files.readAllBytes(abs);
            int end = completeLength(bytes);
            if (end < bytes.length) {
                channel.truncate(end);
            }
            channel.position(end);
            if (created) {
                syncDirectory(abs.getParent());
            }
            return new Journal(abs, channel, lock, parse(abs, bytes, end));
        } catch (IOException e) {
            closeQuietly(channel);
            throw LiftoffException.environment(
                    "cannot open the journal " + abs + ": " + e.getMessage() + "; check the directory is writable", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Reads a journal without locking it (for {@code migrate status} while a run goes on); a missing file is an empty
     * journal.
     */
    public static List<JournalEntry> read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return parse(file, bytes, completeLength(bytes));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw LiftoffException.environment("cannot read the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every entry so far, oldest first, including the ones this instance appended. */
    public List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    public Path file() {
        return file;
    }

    /** Appends one entry and forces it to disk before returning. Details are masked like every failure line. */
    public void append(JournalEntry entry) {
        JournalEntry masked = new JournalEntry(
                entry.at(),
                entry.event(),
                entry.phase(),
                entry.status(),
                Redaction.maskUserInfo(entry.detail()),
                entry.metrics());
        try {
            byte[] line = (MAPPER.writeValueAsString(masked) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            throw LiftoffException.environment(
                    "cannot write the journal " + file + ": " + e.getMessage()
                            + "; the run stops so that it can resume correctly once the disk is writable",
                    e);
        }
        entries.add(masked);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases the lock as well
        }
        closeQuietly(channel);
    }

    private static int completeLength(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return end;
    }

    private static List<JournalEntry> parse(Path file, byte[] bytes, int end) {
        List<JournalEntry> out = new ArrayList<>();
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(MAPPER.readValue(line, JournalEntry.class));
            } catch (JsonProcessingException e) {
                throw LiftoffException.usage(file + ":" + lineNo + ": not a journal entry (" + e.getOriginalMessage()
                        + "); restore the file or move it away to start the migration over");
            }
        }
        return out;
    }

    private static void syncDirectory(Path dir) {
        // a new file's directory entry must be durable too, or a crash can lose the whole journal
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot open directories; the file's own fsync still holds its contents
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
