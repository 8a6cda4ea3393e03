package dev.liftoff.loadtest.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseParserTest {
    private final ResponseParser parser = new ResponseParser(ByteBufAllocator.DEFAULT);

    private boolean feed(String... pieces) throws Exception {
        boolean done = false;
        for (String p : pieces) {
            ByteBuf b = Unpooled.copiedBuffer(p, StandardCharsets.ISO_8859_1);
            done = parser.feed(b);
            b.release();
        }
        return done;
    }

    @Test
    void readsAFixedLengthResponseSplitAnywhere() throws Exception {
        parser.reset(false, true);
        assertThat(feed("HTTP/1.1 20", "0 OK\r\nContent-Le", "ngth: 5\r\nX-A: b\r", "\n\r\nhel"))
                .isFalse();
        assertThat(feed("lo")).isTrue();
        assertThat(parser.status()).isEqualTo(200);
        assertThat(parser.closeAfter()).isFalse();
        ByteBuf body = parser.takeBody();
        assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo("hello");
        body.release();
    }

    @Test
    void readsChunkedBodiesWithExtensionsAndTrailers() throws Exception {
        parser.reset(false, true);
        assertThat(feed(
                        "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n",
                        "3;ext=1\r\nabc\r\n",
                        "A\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n"))
                .isTrue();
        ByteBuf body = parser.takeBody();
        assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo("abc0123456789");
        body.release();
    }

    @Test
    void skipsInterimResponsesAndKnowsBodilessOnes() throws Exception {
        parser.reset(false, false);
        assertThat(feed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"))
                .isTrue();
        assertThat(parser.status()).isEqualTo(204);
        parser.reset(true, false);
        assertThat(feed("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n")).isTrue();
    }

    @Test
    void notesWhenTheServerClosesTheConnection() throws Exception {
        parser.reset(false, false);
        assertThat(feed("HTTP/1.1 503 Busy\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"))
                .isTrue();
        assertThat(parser.closeAfter()).isTrue();
        parser.reset(false, false);
        assertThat(feed("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")).isTrue();
        assertThat(parser.closeAfter()).isTrue();
        parser.reset(false, false);
        assertThat(feed("HTTP/1.1 200 OK\r\n\r\nuntil close")).isFalse();
        assertThat(parser.readsUntilClose()).isTrue();
    }

    @Test
    void refusesWhatIsNotHttp() {
        parser.reset(false, false);
        assertThatThrownBy(() -> feed("SSH-2.0-OpenSSH\r\n")).isInstanceOf(ResponseParser.MalformedResponse.class);
        parser.reset(false, false);
        assertThatThrownBy(() -> feed("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n"))
                .isInstanceOf(ResponseParser.MalformedResponse.class);
    }
}
