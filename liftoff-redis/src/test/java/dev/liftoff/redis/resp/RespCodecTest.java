package dev.liftoff.redis.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespCodecTest {
    @Test
    void writesCommandsAsArraysOfBulkStrings() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RespWriter w = new RespWriter(out);
        w.arrayHeader(3);
        w.bulk("SET");
        w.bulk(new byte[] {0, '\r', '\n'});
        w.bulk(-1234567890123L);
        w.flush();
        assertThat(out.toString(StandardCharsets.ISO_8859_1))
                .isEqualTo("*3\r\n$3\r\nSET\r\n$3\r\n\0\r\n\r\n$14\r\n-1234567890123\r\n");
    }

    @Test
    void writesLongMinValue() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RespWriter w = new RespWriter(out);
        w.bulk(Long.MIN_VALUE);
        w.flush();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("$20\r\n-9223372036854775808\r\n");
    }

    @Test
    void readsEveryReplyType() throws IOException {
        String wire = "+OK\r\n-ERR bad\r\n:-42\r\n$3\r\na\r\n\r\n$-1\r\n*2\r\n:1\r\n*0\r\n*-1\r\n";
        RespReader r = new RespReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(r.read()).isSameAs(RespReader.OK);
        assertThat(r.read()).isEqualTo(new RespError("ERR bad"));
        assertThat(r.read()).isEqualTo(-42L);
        assertThat((byte[]) r.read()).containsExactly('a', '\r', '\n');
        assertThat(r.read()).isNull();
        assertThat(r.read()).isEqualTo(List.of(1L, List.of()));
        assertThat(r.read()).isNull();
        assertThat(r.consumed()).isEqualTo(wire.length());
    }

    @Test
    void namesTheErrorCode() {
        assertThat(new RespError("WRONGPASS invalid username-password pair").code())
                .isEqualTo("WRONGPASS");
    }
}
