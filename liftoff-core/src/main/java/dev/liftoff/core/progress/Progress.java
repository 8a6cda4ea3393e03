package dev.liftoff.core.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Shows a one-line status of long work while it runs. On a terminal the line is rewritten in place every second; when
 * output goes to a file or a pipe a line is printed every ten seconds, so logs stay readable. Runs on its own daemon
 * thread, named after the work; {@link #close()} stops it and clears the line. The supplier is called from that thread
 * and must be thread-safe.
 */
public final class Progress implements AutoCloseable {
    private final PrintStream out;
    private final Supplier<String> line;
    private final boolean terminal;
    private final Thread thread;
    private volatile boolean running = true;
    private int lastWidth;

    private Progress(String name, PrintStream out, Supplier<String> line, boolean terminal) {
        this.out = out;
        this.line = line;
        this.terminal = terminal;
        this.thread =
                Thread.ofPlatform().daemon().name("liftoff-progress-" + name).unstarted(this::run);
    }

    /** Starts showing progress on {@code out}. */
    public static Progress start(String name, PrintStream out, Supplier<String> line) {
        Progress p = new Progress(name, Objects.requireNonNull(out), line, Terminal.isInteractive());
        p.thread.start();
        return p;
    }

    /** A progress that shows nothing, for quiet runs and tests. */
    public static Progress silent() {
        return new Progress("silent", System.err, () -> "", false);
    }

    private void run() {
        Duration every = terminal ? Duration.ofSeconds(1) : Duration.ofSeconds(10);
        try {
            while (running) {
                Thread.sleep(every);
                if (running) {
                    print(line.get());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A broken status line must never stop the work it describes.
            out.println("progress display stopped: " + e.getMessage());
        }
    }

    private synchronized void print(String text) {
        if (terminal) {
            String pad = text.length() < lastWidth ? " ".repeat(lastWidth - text.length()) : "";
            out.print("\r" + text + pad);
            lastWidth = text.length();
        } else {
            out.println(text);
        }
        out.flush();
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (terminal && lastWidth > 0) {
                out.print("\r" + " ".repeat(lastWidth) + "\r");
                out.flush();
            }
        }
    }
}
