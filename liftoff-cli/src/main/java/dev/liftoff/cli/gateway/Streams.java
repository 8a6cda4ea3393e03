package dev.liftoff.cli.gateway;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The command line's writers as the {@link PrintStream}s the library facades report progress to. */
final class Streams {
    private Streams() {}

    /** A stream that hands whole UTF-8 text to {@code writer} on every flush (and so every println). */
    static PrintStream of(PrintWriter writer) {
        OutputStream bytes = new OutputStream() {
            private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                pending.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                pending.write(b, off, len);
            }

            @Override
            public synchronized void flush() {
                writer.write(pending.toString(StandardCharsets.UTF_8));
                writer.flush();
                pending.reset();
            }
        };
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
