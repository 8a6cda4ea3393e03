package dev.liftoff.redis.rdb;

import java.io.IOException;

/** LZF decompression, for the compressed keys of an RDB snapshot. */
final class Lzf {
    private Lzf() {}

    static byte[] decompress(byte[] in, int outLength) throws IOException {
        byte[] out = new byte[outLength];
        int ip = 0;
        int op = 0;
        while (ip < in.length) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < 32) {
                int len = ctrl + 1;
                System.arraycopy(in, ip, out, op, len);
                ip += len;
                op += len;
            } else {
                int len = ctrl >> 5;
                int ref = op - ((ctrl & 0x1f) << 8) - 1;
                if (len == 7) {
                    len += in[ip++] & 0xff;
                }
                ref -= in[ip++] & 0xff;
                len += 2;
                if (ref < 0 || op + len > out.length) {
                    throw new IOException("corrupt LZF data in the snapshot");
                }
                for (int i = 0; i < len; i++) {
                    out[op++] = out[ref++];
                }
            }
        }
        if (op != outLength) {
            throw new IOException("corrupt LZF data in the snapshot: " + op + " bytes instead of " + outLength);
        }
        return out;
    }
}
