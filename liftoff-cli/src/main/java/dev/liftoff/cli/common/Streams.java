package dev.liftoff.cli.common;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Picocli hands commands writers; the libraries' progress displays and the JSON mixin take print streams. These
 * write through to the command's writers, so output goes where {@code Main.run(out, err, ...)} was told, in tests too.
 */
public final class Streams {
    private Streams() {}

    /** A UTF-8 stream onto {@code writer}; bytes are decoded whole at each flush, which print streams do per write. */
    public static PrintStream of(PrintWriter writer) {
        return new PrintStream(new WriterOutput(writer), true, StandardCharsets.UTF_8);
    }

    /** Collects bytes and hands them on as text at each flush (print streams flush after every write). */
    private static final class WriterOutput extends OutputStream {
        private final PrintWriter writer;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        WriterOutput(PrintWriter writer) {
            this.writer = writer;
        }

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
            if (pending.size() > 0) {
                writer.write(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
            }
            writer.flush();
        }
    }
}
