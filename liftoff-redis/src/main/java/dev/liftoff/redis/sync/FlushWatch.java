package dev.liftoff.redis.sync;

import dev.liftoff.redis.resp.Endpoint;
import dev.liftoff.redis.resp.RespConnection;
import dev.liftoff.redis.resp.ServerInfo;
import java.io.PrintStream;
import java.util.Map;

/**
 * Notices {@code FLUSHALL}, {@code FLUSHDB} and {@code SWAPDB} on the source, which Redis announces by no keyspace
 * event: their call counters in {@code INFO commandstats} are read before the copy and again later; any change (one of
 * them ran, or {@code CONFIG RESETSTAT}) means keys may have vanished or moved without an event, and the caller
 * rescans. Where the provider refuses {@code INFO commandstats} or renamed the commands, they go unseen, said once, and
 * {@code redis verify} reports what they left behind.
 */
final class FlushWatch implements AutoCloseable {
    private final Endpoint source;
    private final PrintStream status;
    private RespConnection connection;
    private long last;
    private boolean available = true;

    private FlushWatch(Endpoint source, PrintStream status) {
        this.source = source;
        this.status = status;
    }

    /** Reads the counters now; later calls are what {@link #flushedSince()} reports. */
    static FlushWatch start(Endpoint source, PrintStream status) {
        FlushWatch w = new FlushWatch(source, status);
        Long now = w.read();
        if (now == null) {
            w.available = false;
            status.println("redis sync: the source does not show FLUSHALL/FLUSHDB/SWAPDB calls in INFO commandstats,"
                    + " so those would go unseen until liftoff redis verify");
        } else {
            w.last = now;
        }
        return w;
    }

    /** True once per change of the counters since the last call (or the start). */
    boolean flushedSince() {
        if (!available) {
            return false;
        }
        Long now = read();
        if (now == null || now == last) {
            return false;
        }
        last = now;
        return true;
    }

    /** The summed calls of FLUSHALL, FLUSHDB and SWAPDB, or null when unreadable (the connection is retried later). */
    private Long read() {
        try {
            if (connection == null) {
                connection = RespConnection.open(source, "flush-watch");
            }
            Map<String, String> stats = ServerInfo.section(connection, "commandstats");
            if (stats.isEmpty()) {
                return null; // the section is filtered out: nothing to rely on
            }
            return calls(stats.get("cmdstat_flushall"))
                    + calls(stats.get("cmdstat_flushdb"))
                    + calls(stats.get("cmdstat_swapdb"));
        } catch (RuntimeException e) {
            close();
            return null;
        }
    }

    /** {@code calls=3,usec=...} to 3; an absent entry (never called) is 0. */
    static long calls(String entry) {
        if (entry == null) {
            return 0;
        }
        for (String part : entry.split(",")) {
            if (part.startsWith("calls=")) {
                return Long.parseLong(part.substring("calls=".length()));
            }
        }
        return 0;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException ignored) {
                // closing a broken connection: nothing to add
            }
            connection = null;
        }
    }
}
