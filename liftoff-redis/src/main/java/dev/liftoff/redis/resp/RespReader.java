package dev.liftoff.redis.resp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses RESP2 replies from a buffered stream: bulk strings as {@code byte[]}, simple strings as {@link String},
 * integers as {@link Long}, errors as {@link RespError}, arrays as {@link List}, nil as {@code null}. It counts every
 * byte it consumes, which a replica needs for its acknowledged offset. Not thread-safe.
 */
final class RespReader {
    /** The simple string {@code +OK}, shared so that a long pipeline of OKs allocates nothing. */
    static final String OK = "OK";

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private long consumedBefore;

    RespReader(InputStream in) {
        this.in = in;
    }

    Object read() throws IOException {
        int type = readByte();
        return switch (type) {
            case '+' -> {
                String s = readLine();
                yield s.equals(OK) ? OK : s;
            }
            case '-' -> new RespError(readLine());
            case ':' -> readLongLine();
            case '$' -> {
                long len = readLongLine();
                if (len < 0) {
                    yield null;
                }
                byte[] b = new byte[Math.toIntExact(len)];
                readFully(b, 0, b.length);
                expectCrlf();
                yield b;
            }
            case '*' -> {
                long n = readLongLine();
                if (n < 0) {
                    yield null;
                }
                List<Object> items = new ArrayList<>((int) Math.min(n, 1 << 16));
                for (long i = 0; i < n; i++) {
                    items.add(read());
                }
                yield items;
            }
            default -> throw new IOException("protocol error: unexpected reply type byte " + type);
        };
    }

    /** Bytes read from the socket but not yet parsed. */
    int buffered() {
        return limit - pos;
    }

    /** Bytes consumed from the stream since it was opened. */
    long consumed() {
        return consumedBefore + pos;
    }

    int readByte() throws IOException {
        if (pos == limit && !fill()) {
            throw new EOFException("the server closed the connection");
        }
        return buf[pos++] & 0xff;
    }

    /** Reads up to CRLF, without it, as ASCII. */
    String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = readByte();
            if (b == '\r') {
                if (readByte() != '\n') {
                    throw new IOException("protocol error: CR without LF");
                }
                return sb.toString();
            }
            sb.append((char) b);
        }
    }

    long readLongLine() throws IOException {
        long v = 0;
        boolean negative = false;
        int b = readByte();
        if (b == '-') {
            negative = true;
            b = readByte();
        }
        while (b != '\r') {
            if (b < '0' || b > '9') {
                throw new IOException("protocol error: bad number byte " + b);
            }
            v = v * 10 + (b - '0');
            b = readByte();
        }
        if (readByte() != '\n') {
            throw new IOException("protocol error: CR without LF");
        }
        return negative ? -v : v;
    }

    void readFully(byte[] dst, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == limit && !fill()) {
                throw new EOFException("the server closed the connection");
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    void expectCrlf() throws IOException {
        if (readByte() != '\r' || readByte() != '\n') {
            throw new IOException("protocol error: bulk string not followed by CRLF");
        }
    }

    /** The stream as it is read from here on, through this reader's buffer, for the replication snapshot. */
    InputStream asStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                if (pos == limit && !fill()) {
                    return -1;
                }
                return buf[pos++] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (pos == limit && !fill()) {
                    return -1;
                }
                int n = Math.min(len, limit - pos);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    private boolean fill() throws IOException {
        consumedBefore += pos;
        pos = 0;
        limit = 0;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        limit = n;
        return true;
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
