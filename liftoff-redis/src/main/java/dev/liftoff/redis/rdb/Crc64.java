package dev.liftoff.redis.rdb;

/** Redis's CRC-64 (Jones polynomial, reflected, initial value 0), which seals every DUMP payload. */
public final class Crc64 {
    private static final long POLY_REFLECTED = 0x95ac9329ac4bc9b5L;
    private static final long[] TABLE = new long[256];

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int j = 0; j < 8; j++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY_REFLECTED : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private Crc64() {}

    public static long update(long crc, byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            crc = TABLE[(int) ((crc ^ b[i]) & 0xff)] ^ (crc >>> 8);
        }
        return crc;
    }
}
