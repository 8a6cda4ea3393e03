package dev.liftoff.redis.resp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Encodes commands as RESP arrays of bulk strings into a buffer that is written to the socket on {@link #flush()}, or
 * earlier when it grows past a megabyte so that a long pipeline does not hold all its bytes. Not thread-safe.
 */
final class RespWriter {
    private static final int SPILL = 1 << 20;

    private final OutputStream out;
    private byte[] buf = new byte[1 << 16];
    private int pos;

    RespWriter(OutputStream out) {
        this.out = out;
    }

    void arrayHeader(int n) throws IOException {
        ensure(24);
        buf[pos++] = '*';
        writeAscii(n);
        crlf();
    }

    void bulk(byte[] b) throws IOException {
        bulk(b, 0, b.length);
    }

    void bulk(byte[] b, int off, int len) throws IOException {
        ensure(24);
        buf[pos++] = '$';
        writeAscii(len);
        crlf();
        if (len > SPILL) {
            flushBuffer();
            out.write(b, off, len);
        } else {
            ensure(len);
            System.arraycopy(b, off, buf, pos, len);
            pos += len;
        }
        ensure(2);
        crlf();
        if (pos > SPILL) {
            flushBuffer();
        }
    }

    void bulk(long v) throws IOException {
        ensure(48);
        buf[pos++] = '$';
        writeAscii(digitCount(v));
        crlf();
        writeAscii(v);
        crlf();
    }

    private static int digitCount(long v) {
        if (v == Long.MIN_VALUE) {
            return 20;
        }
        int n = v < 0 ? 2 : 1;
        for (long t = Math.abs(v); t >= 10; t /= 10) {
            n++;
        }
        return n;
    }

    /** A bulk string streamed from a file (a spilled snapshot payload), never held in memory whole. */
    void bulk(Path file) throws IOException {
        ensure(24);
        buf[pos++] = '$';
        writeAscii(Files.size(file));
        crlf();
        flushBuffer();
        Files.copy(file, out);
        ensure(2);
        crlf();
    }

    void bulk(String ascii) throws IOException {
        bulk(ascii.getBytes(StandardCharsets.UTF_8));
    }

    /** Raw bytes, already RESP-encoded (the replica's REPLCONF ACK is written this way too). */
    void raw(byte[] b) throws IOException {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    private void flushBuffer() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    private void crlf() {
        buf[pos++] = '\r';
        buf[pos++] = '\n';
    }

    private void writeAscii(long v) {
        pos = writeDigits(v, pos);
    }

    private int writeDigits(long v, int at) {
        if (v == 0) {
            buf[at++] = '0';
            return at;
        }
        if (v < 0) {
            buf[at++] = '-';
            if (v == Long.MIN_VALUE) {
                byte[] s = Long.toString(v).substring(1).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(s, 0, buf, at, s.length);
                return at + s.length;
            }
            v = -v;
        }
        int len = 0;
        for (long t = v; t > 0; t /= 10) {
            len++;
        }
        int end = at + len;
        for (int i = end - 1; i >= at; i--) {
            buf[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        return end;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            int size = buf.length;
            while (size < pos + n) {
                size *= 2;
            }
            byte[] bigger = new byte[size];
            System.arraycopy(buf, 0, bigger, 0, pos);
            buf = bigger;
        }
    }
}
