package dev.liftoff.cli.loadtest;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The command line's writers as print streams, for the progress display and the JSON mixin, which take streams: so
 * output goes where {@code Main.run(out, err, ...)} was told, in tests too.
 */
final class Streams {
    private Streams() {}

    static PrintStream of(PrintWriter writer) {
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
