package dev.liftoff.redis.rdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RdbReaderTest {
    /** REDIS0010, db 3, "k" = "v" expiring at 1234 ms, EOF and an (unchecked) file checksum. */
    static byte[] snapshot() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("REDIS0010".getBytes(StandardCharsets.US_ASCII));
        b.write(new byte[] {(byte) 0xFA, 1, 'x', 1, 'y'}); // an aux field
        b.write(new byte[] {(byte) 0xFE, 3}); // SELECTDB 3
        b.write(new byte[] {(byte) 0xFC, (byte) 0xD2, 4, 0, 0, 0, 0, 0, 0}); // expiry 1234 ms, little-endian
        b.write(new byte[] {0, 1, 'k', 1, 'v'}); // a string
        b.write(0xFF);
        b.write(new byte[8]);
        return b.toByteArray();
    }

    static List<RdbEntry> read(long spillBytes) throws IOException {
        List<RdbEntry> out = new ArrayList<>();
        new RdbReader(new ByteArrayInputStream(snapshot()), spillBytes).read(out::add);
        return out;
    }

    @Test
    void cutsADumpPayloadOutOfTheSnapshot() throws IOException {
        RdbEntry e = read(Long.MAX_VALUE).getFirst();
        assertThat(e.db()).isEqualTo(3);
        assertThat(new String(e.key(), StandardCharsets.US_ASCII)).isEqualTo("k");
        assertThat(e.expireAtMillis()).isEqualTo(1234);
        // What DUMP answers for "v" on Redis 7.0: type, value, RDB version 10, CRC-64 of all that.
        byte[] body = {0, 1, 'v', 10, 0};
        long crc = Crc64.update(0, body, 0, body.length);
        assertThat(e.payload()).hasSize(13).startsWith(body);
        for (int i = 0; i < 8; i++) {
            assertThat(e.payload()[5 + i]).isEqualTo((byte) (crc >>> (8 * i)));
        }
        assertThat(e.file()).isNull();
    }

    @Test
    void spillsAPayloadPastTheLimitToAFileWithTheSameBytes() throws IOException {
        byte[] inMemory = read(Long.MAX_VALUE).getFirst().payload();
        RdbEntry spilled = read(2).getFirst();
        assertThat(spilled.payload()).isNull();
        assertThat(spilled.size()).isEqualTo(inMemory.length);
        assertThat(Files.readAllBytes(spilled.file())).isEqualTo(inMemory);
        spilled.discard();
        assertThat(spilled.file()).doesNotExist();
    }
}
