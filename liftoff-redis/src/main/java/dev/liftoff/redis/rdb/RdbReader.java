package dev.liftoff.redis.rdb;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads an RDB snapshot (versions 9 to 12: Redis 6.2 to 7.4, Valkey 7.2 and 8) from a stream and hands each key to a
 * consumer as a {@link RdbEntry} with a DUMP payload. Values are not decoded, only measured as they pass: the bytes are
 * copied verbatim. Module values and hash fields with their own TTLs (7.4) are refused with a message. Not thread-safe.
 */
public final class RdbReader {
    private static final int OP_SLOT_INFO = 0xF4;
    private static final int OP_FUNCTION2 = 0xF5;
    private static final int OP_FUNCTION_PRE_GA = 0xF6;
    private static final int OP_MODULE_AUX = 0xF7;
    private static final int OP_IDLE = 0xF8;
    private static final int OP_FREQ = 0xF9;
    private static final int OP_AUX = 0xFA;
    private static final int OP_RESIZEDB = 0xFB;
    private static final int OP_EXPIRETIME_MS = 0xFC;
    private static final int OP_EXPIRETIME = 0xFD;
    private static final int OP_SELECTDB = 0xFE;
    private static final int OP_EOF = 0xFF;

    private final InputStream in;
    private final long spillBytes;
    private Capture capture;
    private int version;
    private boolean encoded;

    public RdbReader(InputStream in) {
        this(in, Long.MAX_VALUE);
    }

    /**
     * @param spillBytes a key whose payload grows past this goes to a temporary file rather than the heap, so a big
     *     key costs disk, not memory (RESTORE needs the payload whole, and its length before its bytes)
     */
    public RdbReader(InputStream in, long spillBytes) {
        this.in = in;
        this.spillBytes = spillBytes;
    }

    /** The snapshot's RDB version, known once {@link #read} has started. */
    public int version() {
        return version;
    }

    /** Reads the whole snapshot, through its checksum. */
    public void read(Consumer<RdbEntry> keys) throws IOException {
        byte[] header = bytes(9);
        String magic = new String(header, StandardCharsets.US_ASCII);
        if (!magic.startsWith("REDIS")) {
            throw new IOException("the replication snapshot does not start with REDIS but '" + magic + "'");
        }
        version = Integer.parseInt(magic.substring(5));
        int db = 0;
        long expireAt = 0;
        while (true) {
            int op = u8();
            switch (op) {
                case OP_EOF -> {
                    if (version >= 5) {
                        bytes(8);
                    }
                    return;
                }
                case OP_SELECTDB -> db = (int) length();
                case OP_RESIZEDB -> {
                    length();
                    length();
                }
                case OP_AUX -> {
                    string();
                    string();
                }
                case OP_EXPIRETIME_MS -> expireAt = littleEndian(8);
                case OP_EXPIRETIME -> expireAt = littleEndian(4) * 1000;
                case OP_IDLE -> length();
                case OP_FREQ -> u8();
                case OP_FUNCTION2, OP_FUNCTION_PRE_GA -> string();
                case OP_SLOT_INFO -> {
                    length();
                    length();
                    length();
                }
                case OP_MODULE_AUX ->
                    throw new IOException("the snapshot carries module data, which replica mode"
                            + " cannot pass on; use --mode notifications");
                default -> {
                    byte[] key = string();
                    capture = new Capture(spillBytes);
                    try {
                        capture.write(op);
                        value(op);
                        RdbEntry entry = capture.seal(db, key, expireAt, version);
                        capture = null;
                        keys.accept(entry);
                    } finally {
                        if (capture != null) {
                            capture.abandon();
                            capture = null;
                        }
                    }
                    expireAt = 0;
                }
            }
        }
    }

    private void value(int type) throws IOException {
        switch (type) {
            case 0, 9, 10, 11, 12, 13, 16, 17, 20 -> string();
            case 1, 2, 14 -> {
                for (long n = length(); n > 0; n--) {
                    string();
                }
            }
            case 3 -> {
                for (long n = length(); n > 0; n--) {
                    string();
                    int len = u8();
                    if (len < 253) {
                        bytes(len);
                    }
                }
            }
            case 4 -> {
                for (long n = length() * 2; n > 0; n--) {
                    string();
                }
            }
            case 5 -> {
                for (long n = length(); n > 0; n--) {
                    string();
                    bytes(8);
                }
            }
            case 18 -> {
                for (long n = length(); n > 0; n--) {
                    length();
                    string();
                }
            }
            case 15, 19, 21 -> stream(type);
            default ->
                throw new IOException(
                        "the snapshot holds a value of RDB type " + type + " (a module type or"
                                + " hash fields with their own TTLs), which replica mode cannot pass on; use --mode notifications");
        }
    }

    private void stream(int type) throws IOException {
        for (long n = length(); n > 0; n--) {
            string();
            string();
        }
        length();
        length();
        length();
        if (type >= 19) {
            for (int i = 0; i < 5; i++) {
                length();
            }
        }
        for (long groups = length(); groups > 0; groups--) {
            string();
            length();
            length();
            if (type >= 19) {
                length();
            }
            for (long pel = length(); pel > 0; pel--) {
                bytes(16);
                bytes(8);
                length();
            }
            for (long consumers = length(); consumers > 0; consumers--) {
                string();
                bytes(8);
                if (type >= 21) {
                    bytes(8);
                }
                for (long pel = length(); pel > 0; pel--) {
                    bytes(16);
                }
            }
        }
    }

    /**
     * A length, or with {@link #encoded} set the encoding of a special string. A flag rather than a negative value,
     * because a 64-bit length may be -1: Redis 7 saves a consumer group's unknown {@code entries_read} that way.
     */
    private long rawLength() throws IOException {
        encoded = false;
        int b = u8();
        return switch (b >> 6) {
            case 0 -> b & 0x3f;
            case 1 -> ((long) (b & 0x3f) << 8) | u8();
            case 2 -> {
                if (b == 0x80) {
                    yield bigEndian(4);
                }
                if (b == 0x81) {
                    yield bigEndian(8);
                }
                throw new IOException("corrupt length byte " + b + " in the snapshot");
            }
            default -> {
                encoded = true;
                yield b & 0x3f;
            }
        };
    }

    private long length() throws IOException {
        long n = rawLength();
        if (encoded) {
            throw new IOException("an encoded string where the snapshot should hold a length");
        }
        return n;
    }

    /** Reads a string, decoded (integers as their decimal text, LZF inflated). */
    private byte[] string() throws IOException {
        long n = rawLength();
        if (!encoded) {
            return bytes(Math.toIntExact(n));
        }
        int encoding = (int) n;
        return switch (encoding) {
            case 0 -> Long.toString((byte) u8()).getBytes(StandardCharsets.US_ASCII);
            case 1 -> Long.toString((short) littleEndian(2)).getBytes(StandardCharsets.US_ASCII);
            case 2 -> Long.toString((int) littleEndian(4)).getBytes(StandardCharsets.US_ASCII);
            case 3 -> {
                int compressed = Math.toIntExact(length());
                int plain = Math.toIntExact(length());
                yield Lzf.decompress(bytes(compressed), plain);
            }
            default -> throw new IOException("unknown string encoding " + encoding + " in the snapshot");
        };
    }

    private int u8() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the replication snapshot ended early");
        }
        if (capture != null) {
            capture.write(b);
        }
        return b;
    }

    private byte[] bytes(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException("the replication snapshot ended early");
        }
        if (capture != null) {
            capture.write(b, 0, n);
        }
        return b;
    }

    private long littleEndian(int n) throws IOException {
        byte[] b = bytes(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    private long bigEndian(int n) throws IOException {
        byte[] b = bytes(n);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    /**
     * The bytes of one value as they pass, with their running CRC-64: in memory, or past {@code limit} in a
     * temporary file.
     */
    private static final class Capture {
        private final long limit;
        private ByteArrayOutputStream memory = new ByteArrayOutputStream();
        private Path file;
        private OutputStream spilled;
        private long size;
        private long crc;

        Capture(long limit) {
            this.limit = limit;
        }

        void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        void write(byte[] b, int off, int len) throws IOException {
            crc = Crc64.update(crc, b, off, len);
            size += len;
            if (spilled == null && size > limit) {
                file = Files.createTempFile("liftoff-rdb-", ".payload");
                spilled = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                memory.writeTo(spilled);
                memory = null;
            }
            if (spilled != null) {
                spilled.write(b, off, len);
            } else {
                memory.write(b, off, len);
            }
        }

        /** Appends the RDB version and the checksum, as DUMP does. */
        RdbEntry seal(int db, byte[] key, long expireAt, int version) throws IOException {
            write(new byte[] {(byte) (version & 0xff), (byte) ((version >> 8) & 0xff)}, 0, 2);
            byte[] sum = new byte[8];
            for (int i = 0; i < 8; i++) {
                sum[i] = (byte) (crc >>> (8 * i));
            }
            if (spilled == null) {
                memory.write(sum, 0, 8);
                return new RdbEntry(db, key, expireAt, memory.toByteArray());
            }
            spilled.write(sum);
            spilled.close();
            return new RdbEntry(db, key, expireAt, null, file, size + 8);
        }

        void abandon() throws IOException {
            if (spilled != null) {
                spilled.close();
                Files.deleteIfExists(file);
            }
        }
    }
}
