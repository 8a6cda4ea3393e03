package dev.liftoff.loadtest.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ByteProcessor;

/**
 * An incremental HTTP/1.1 response reader that keeps only what a load test needs: the status, whether the connection
 * stays open, and the body when a step extracts from it. Bodies are otherwise skipped without copying, and nothing is
 * allocated per response, so the event loop spends its time on the network rather than on headers objects. Used by one
 * connection on its event loop; not thread-safe.
 */
final class ResponseParser {
    /** A response that is not HTTP/1.x as far as this reader can tell. */
    static final class MalformedResponse extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedResponse(String message) {
            super(message, null, false, false);
        }
    }

    private static final int STATUS = 0;
    private static final int HEADER = 1;
    private static final int FIXED = 2;
    private static final int CHUNK_SIZE = 3;
    private static final int CHUNK_DATA = 4;
    private static final int CHUNK_END = 5;
    private static final int TRAILER = 6;
    private static final int UNTIL_CLOSE = 7;
    private static final int DONE = 8;

    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_CAPTURE = 16 * 1024 * 1024;
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");

    private final ByteBufAllocator alloc;
    private byte[] line = new byte[1024];
    private int lineLength;
    private int state = DONE;
    private int status;
    private long remaining;
    private long contentLength;
    private boolean chunked;
    private boolean close;
    private boolean keepAliveHeader;
    private boolean http10;
    private boolean head;
    private boolean capture;
    private ByteBuf body;

    ResponseParser(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    /** Prepares for the response to a new request; {@code head} responses have no body. */
    void reset(boolean head, boolean capture) {
        this.head = head;
        this.capture = capture;
        releaseBody();
        startMessage();
    }

    private void startMessage() {
        state = STATUS;
        lineLength = 0;
        status = 0;
        contentLength = -1;
        chunked = false;
        close = false;
        keepAliveHeader = false;
        http10 = false;
    }

    int status() {
        return status;
    }

    /** Whether the server will close (or has to close) the connection after this response. */
    boolean closeAfter() {
        return close || (http10 && !keepAliveHeader);
    }

    /** True while the body runs until the connection closes, so a close completes the response. */
    boolean readsUntilClose() {
        return state == UNTIL_CLOSE;
    }

    void finishAtClose() {
        state = DONE;
    }

    /** The captured body (the caller releases it), or null when not captured. */
    ByteBuf takeBody() {
        ByteBuf b = body;
        body = null;
        return b;
    }

    void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
    }

    /**
     * Reads what {@code in} holds of the response; returns true when the response is complete. Bytes after a complete
     * response (which a server that does not pipeline never sends) are left unread.
     */
    boolean feed(ByteBuf in) throws MalformedResponse {
        while (in.isReadable()) {
            switch (state) {
                case STATUS, HEADER, CHUNK_SIZE, CHUNK_END, TRAILER -> {
                    if (!readLine(in)) {
                        return false;
                    }
                    onLine();
                }
                case FIXED, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, in.readableBytes());
                    consume(in, n);
                    remaining -= n;
                    if (remaining == 0) {
                        state = state == FIXED ? DONE : CHUNK_END;
                    }
                }
                case UNTIL_CLOSE -> consume(in, in.readableBytes());
                default -> {
                    return true;
                }
            }
            if (state == DONE) {
                return true;
            }
        }
        return state == DONE;
    }

    private void consume(ByteBuf in, int n) throws MalformedResponse {
        if (capture) {
            if (body == null) {
                body = alloc.heapBuffer(Math.max(n, 256));
            }
            if (body.readableBytes() + n > MAX_CAPTURE) {
                throw new MalformedResponse("response body over 16 MB; extraction reads at most that");
            }
            body.writeBytes(in, n);
        } else {
            in.skipBytes(n);
        }
    }

    private boolean readLine(ByteBuf in) throws MalformedResponse {
        int start = in.readerIndex();
        int lf = in.forEachByte(start, in.readableBytes(), ByteProcessor.FIND_LF);
        int n = (lf < 0 ? in.writerIndex() : lf) - start;
        if (lineLength + n > line.length) {
            if (lineLength + n > MAX_LINE) {
                throw new MalformedResponse("response header line over 64 KB");
            }
            line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
        }
        in.getBytes(start, line, lineLength, n);
        lineLength += n;
        if (lf < 0) {
            in.skipBytes(n);
            return false;
        }
        in.skipBytes(n + 1);
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
        return true;
    }

    private void onLine() throws MalformedResponse {
        int len = lineLength;
        lineLength = 0;
        switch (state) {
            case STATUS -> {
                if (len == 0) {
                    return; // tolerated: a stray CRLF before a status line
                }
                if (len < 12 || line[0] != 'H' || line[4] != '/' || line[8] != ' ') {
                    throw new MalformedResponse("not an HTTP/1.x status line");
                }
                http10 = line[7] == '0';
                status = digit(line[9]) * 100 + digit(line[10]) * 10 + digit(line[11]);
                state = HEADER;
            }
            case HEADER -> {
                if (len == 0) {
                    endOfHeaders();
                } else {
                    header(len);
                }
            }
            case CHUNK_SIZE -> {
                long size = parseHex(len);
                if (size == 0) {
                    state = TRAILER;
                } else {
                    remaining = size;
                    state = CHUNK_DATA;
                }
            }
            case CHUNK_END -> {
                if (len != 0) {
                    throw new MalformedResponse("chunk not followed by CRLF");
                }
                state = CHUNK_SIZE;
            }
            case TRAILER -> {
                if (len == 0) {
                    state = DONE;
                }
            }
            default -> throw new IllegalStateException("line in state " + state);
        }
    }

    private void endOfHeaders() {
        if (status >= 100 && status < 200 && status != 101) {
            startMessage(); // an interim response; the real one follows
            return;
        }
        if (head || status == 204 || status == 304) {
            state = DONE;
        } else if (chunked) {
            state = CHUNK_SIZE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = contentLength == 0 ? DONE : FIXED;
        } else {
            close = true;
            state = UNTIL_CLOSE;
        }
    }

    private void header(int len) throws MalformedResponse {
        int colon = -1;
        for (int i = 0; i < len; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= 0) {
            throw new MalformedResponse("header line without a name");
        }
        int v = colon + 1;
        while (v < len && (line[v] == ' ' || line[v] == '\t')) {
            v++;
        }
        int end = len;
        while (end > v && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
            end--;
        }
        if (nameIs(CONTENT_LENGTH, colon)) {
            long n = 0;
            if (v == end) {
                throw new MalformedResponse("empty Content-Length");
            }
            for (int i = v; i < end; i++) {
                n = n * 10 + digit(line[i]);
            }
            contentLength = n;
        } else if (nameIs(TRANSFER_ENCODING, colon)) {
            chunked = containsIgnoreCase(v, end, "chunked");
        } else if (nameIs(CONNECTION, colon)) {
            if (containsIgnoreCase(v, end, "close")) {
                close = true;
            }
            if (containsIgnoreCase(v, end, "keep-alive")) {
                keepAliveHeader = true;
            }
        }
    }

    private boolean nameIs(byte[] lower, int length) {
        if (length != lower.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if ((line[i] | 0x20) != lower[i] && line[i] != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean containsIgnoreCase(int from, int to, String word) {
        outer:
        for (int i = from; i + word.length() <= to; i++) {
            for (int j = 0; j < word.length(); j++) {
                if (Character.toLowerCase((char) line[i + j]) != word.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private long parseHex(int len) throws MalformedResponse {
        long n = 0;
        int digits = 0;
        for (int i = 0; i < len; i++) {
            byte b = line[i];
            int d = Character.digit(b, 16);
            if (d < 0) {
                if (b == ';' || b == ' ' || b == '\t') {
                    break; // chunk extensions are allowed and ignored
                }
                throw new MalformedResponse("bad chunk size");
            }
            n = n * 16 + d;
            if (++digits > 15) {
                throw new MalformedResponse("chunk size too large");
            }
        }
        if (digits == 0) {
            throw new MalformedResponse("bad chunk size");
        }
        return n;
    }

    private static int digit(byte b) throws MalformedResponse {
        if (b < '0' || b > '9') {
            throw new MalformedResponse("expected a digit");
        }
        return b - '0';
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
