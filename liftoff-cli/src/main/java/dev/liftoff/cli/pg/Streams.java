package dev.liftoff.cli.pg;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Picocli hands commands writers; the libraries' progress displays take streams. */
public final class Streams {
    private Streams() {}

    /** A stream that writes through to {@code writer} (UTF-8), flushing on every line. */
    public static PrintStream printStream(PrintWriter writer) {
        OutputStream bytes = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writer.write(new String(b, off, len, StandardCharsets.UTF_8));
            }

            @Override
            public void flush() {
                writer.flush();
            }
        };
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
