package dev.liftoff.postgres.copy;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.Redaction;
import dev.liftoff.postgres.journal.CopyJournal.ChunkState;
import dev.liftoff.postgres.journal.JournalStore;
import dev.liftoff.postgres.journal.JournalStore.Chunk;
import dev.liftoff.postgres.schema.PostDataStep;
import dev.liftoff.postgres.schema.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/**
 * Copies the pending chunks with {@code jobs} worker threads, each holding a source session in the copy's snapshot
 * and a target session. A chunk streams {@code COPY ... TO STDOUT} into {@code COPY ... FROM STDIN} through memory
 * and commits with its done mark. The index steps of a table run on the same workers as soon as the rows of the table
 * and of all its partitions or children are in, so index builds overlap the copy of other tables; index steps whose
 * table is unknown wait for all rows. Workers take ready index steps first, then chunks largest table first.
 *
 * <p>The first failure stops every worker after its current task and is rethrown by {@link #run()}.
 */
final class LoadStage {
    private static final int BUFFER = 1 << 18;

    /** How to copy one table. */
    record TableSpec(QualifiedName name, List<String> columns, boolean binary) {}

    private final PostgresUrl source;
    private final PostgresUrl target;
    private final String snapshotName;
    private final String snapshotText;
    private final Map<QualifiedName, TableSpec> specs;
    private final List<String> preamble;
    private final int jobs;
    private final long indexMemoryKb;
    private final CopyProgress progress;

    private final Deque<Chunk> chunks = new ArrayDeque<>();
    private final Deque<PostDataStep> readySteps = new ArrayDeque<>();
    private final Map<QualifiedName, List<PostDataStep>> waitingSteps = new HashMap<>();
    private final List<PostDataStep> afterAllRows = new ArrayList<>();
    private final Map<QualifiedName, Integer> pendingWithDescendants = new HashMap<>();
    private final Map<QualifiedName, Integer> pendingOwn = new HashMap<>();
    private final Map<QualifiedName, List<QualifiedName>> ancestors = new HashMap<>();
    private int running;
    private int chunksLeft;
    private Throwable failure;

    LoadStage(
            PostgresUrl source,
            PostgresUrl target,
            String snapshotName,
            String snapshotText,
            Map<QualifiedName, TableSpec> specs,
            Map<QualifiedName, List<QualifiedName>> parents,
            List<Chunk> pending,
            List<PostDataStep> indexSteps,
            List<String> preamble,
            int jobs,
            long indexMemoryKb,
            CopyProgress progress) {
        this.source = source;
        this.target = target;
        this.snapshotName = snapshotName;
        this.snapshotText = snapshotText;
        this.specs = specs;
        this.preamble = preamble;
        this.jobs = jobs;
        this.indexMemoryKb = indexMemoryKb;
        this.progress = progress;
        List<Chunk> ordered = new ArrayList<>(pending);
        Map<QualifiedName, Integer> order = new HashMap<>();
        for (Chunk c : pending) {
            if (c.table() != null) {
                order.putIfAbsent(c.table(), order.size());
            }
        }
        // The plan lists tables largest first; keep that, large objects last.
        ordered.sort(Comparator.comparingInt(c -> c.table() == null ? Integer.MAX_VALUE : order.get(c.table())));
        chunks.addAll(ordered);
        chunksLeft = ordered.size();
        for (Chunk c : ordered) {
            if (c.table() == null) {
                continue;
            }
            pendingOwn.merge(c.table(), 1, Integer::sum);
            for (QualifiedName t : selfAndAncestors(c.table(), parents)) {
                pendingWithDescendants.merge(t, 1, Integer::sum);
            }
        }
        for (PostDataStep s : indexSteps) {
            if (s.relation() == null) {
                afterAllRows.add(s);
            } else if (pendingWithDescendants.getOrDefault(s.relation(), 0) == 0) {
                readySteps.add(s);
            } else {
                waitingSteps
                        .computeIfAbsent(s.relation(), k -> new ArrayList<>())
                        .add(s);
            }
        }
        if (chunksLeft == 0) {
            readySteps.addAll(afterAllRows);
            afterAllRows.clear();
        }
    }

    private List<QualifiedName> selfAndAncestors(QualifiedName table, Map<QualifiedName, List<QualifiedName>> parents) {
        return ancestors.computeIfAbsent(table, t -> {
            Set<QualifiedName> seen = new LinkedHashSet<>();
            Deque<QualifiedName> todo = new ArrayDeque<>(List.of(t));
            while (!todo.isEmpty()) {
                QualifiedName cur = todo.pop();
                if (seen.add(cur)) {
                    todo.addAll(parents.getOrDefault(cur, List.of()));
                }
            }
            return List.copyOf(seen);
        });
    }

    /** Runs until every chunk and index step is done; rethrows the first failure. */
    void run() {
        int workers = Math.max(1, Math.min(jobs, chunks.size() + readySteps.size() + waitingStepCount()));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofPlatform().name("liftoff-copy-" + (i + 1)).start(this::work));
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
            threads.forEach(Thread::interrupt);
        }
        synchronized (this) {
            if (failure instanceof LiftoffException le) {
                throw le;
            }
            if (failure != null) {
                throw new IllegalStateException("copy worker failed: " + failure, failure);
            }
        }
    }

    private int waitingStepCount() {
        int n = afterAllRows.size();
        for (List<PostDataStep> l : waitingSteps.values()) {
            n += l.size();
        }
        return n;
    }

    private void work() {
        Connection src = null;
        Connection tgt = null;
        try {
            tgt = Sessions.target(target, preamble, Math.max(1, jobs), indexMemoryKb);
            for (Object task = next(); task != null; task = next()) {
                boolean ok = false;
                try {
                    if (task instanceof PostDataStep step) {
                        Sessions.runStep(tgt, step, target);
                        progress.stepsDone.incrementAndGet();
                    } else {
                        Chunk chunk = (Chunk) task;
                        if (src == null) {
                            src = Sessions.source(source, snapshotName);
                        }
                        copy(src, tgt, chunk);
                    }
                    ok = true;
                } catch (Throwable e) {
                    fail(e);
                } finally {
                    done(task, ok);
                }
            }
        } catch (Throwable e) {
            fail(e);
        } finally {
            Sessions.close(src);
            Sessions.close(tgt);
        }
    }

    private synchronized Object next() throws InterruptedException {
        while (true) {
            if (failure != null) {
                return null;
            }
            if (!readySteps.isEmpty()) {
                running++;
                return readySteps.poll();
            }
            if (!chunks.isEmpty()) {
                running++;
                return chunks.poll();
            }
            if (running == 0) {
                return null;
            }
            wait();
        }
    }

    private synchronized void done(Object task, boolean ok) {
        running--;
        if (task instanceof Chunk c && ok) {
            chunksLeft--;
            if (c.table() != null) {
                if (pendingOwn.merge(c.table(), -1, Integer::sum) == 0) {
                    progress.tablesDone.incrementAndGet();
                }
                for (QualifiedName t : ancestors.get(c.table())) {
                    if (pendingWithDescendants.merge(t, -1, Integer::sum) == 0) {
                        readySteps.addAll(waitingSteps.getOrDefault(t, List.of()));
                        waitingSteps.remove(t);
                    }
                }
            }
            if (chunksLeft == 0) {
                readySteps.addAll(afterAllRows);
                afterAllRows.clear();
                waitingSteps.values().forEach(readySteps::addAll);
                waitingSteps.clear();
            }
        }
        notifyAll();
    }

    private synchronized void fail(Throwable e) {
        if (failure == null) {
            failure = e;
        }
        notifyAll();
    }

    private void copy(Connection src, Connection tgt, Chunk chunk) throws SQLException {
        long start = System.nanoTime();
        long[] counted;
        try {
            counted = chunk.kind().equals(ChunkState.LARGE_OBJECTS)
                    ? copyLargeObjects(src, tgt, chunk)
                    : copyRows(src, tgt, chunk);
            double seconds = (System.nanoTime() - start) / 1e9;
            JournalStore.markChunk(tgt, chunk.id(), counted[0], counted[1], seconds, snapshotText);
            tgt.commit();
        } catch (SQLException e) {
            Sessions.rollback(tgt);
            throw LiftoffException.environment(
                    Redaction.maskUserInfo("copying " + describe(chunk) + " failed: " + Sessions.firstLine(e)
                            + "; fix the cause and run the same command again to resume"),
                    e);
        }
    }

    private long[] copyRows(Connection src, Connection tgt, Chunk chunk) throws SQLException {
        TableSpec spec = specs.get(chunk.table());
        if (spec == null) {
            throw new SQLException("table " + chunk.table() + " is no longer on the source");
        }
        String table = chunk.table().quoted();
        String cols = String.join(", ", spec.columns());
        String format = spec.binary() ? " (FORMAT binary)" : "";
        String out;
        if (chunk.firstBlock() == null && chunk.endBlock() == null) {
            out = "COPY " + table + (cols.isEmpty() ? "" : " (" + cols + ")") + " TO STDOUT" + format;
        } else {
            List<String> where = new ArrayList<>();
            if (chunk.firstBlock() != null) {
                where.add("ctid >= '(" + chunk.firstBlock() + ",0)'::tid");
            }
            if (chunk.endBlock() != null) {
                where.add("ctid < '(" + chunk.endBlock() + ",0)'::tid");
            }
            out = "COPY (SELECT " + cols + " FROM ONLY " + table + " WHERE " + String.join(" AND ", where)
                    + ") TO STDOUT" + format;
        }
        String in = "COPY " + table + (cols.isEmpty() ? "" : " (" + cols + ")") + " FROM STDIN" + format;
        CopyManager srcCopy = src.unwrap(PGConnection.class).getCopyAPI();
        CopyManager tgtCopy = tgt.unwrap(PGConnection.class).getCopyAPI();
        CopyOut reader = srcCopy.copyOut(out);
        CopyIn writer;
        try {
            writer = tgtCopy.copyIn(in);
        } catch (SQLException e) {
            reader.cancelCopy();
            throw e;
        }
        long bytes = 0;
        try {
            byte[] buf = new byte[BUFFER];
            int len = 0;
            long messages = 0;
            byte[] row;
            while ((row = reader.readFromCopy()) != null) {
                messages++;
                bytes += row.length;
                if (len + row.length > buf.length) {
                    writer.writeToCopy(buf, 0, len);
                    progress.bytes.add(len);
                    len = 0;
                }
                if (row.length > buf.length) {
                    writer.writeToCopy(row, 0, row.length);
                    progress.bytes.add(row.length);
                } else {
                    System.arraycopy(row, 0, buf, len, row.length);
                    len += row.length;
                }
                if ((messages & 1023) == 0) {
                    progress.rows.add(1024);
                }
            }
            if (len > 0) {
                writer.writeToCopy(buf, 0, len);
                progress.bytes.add(len);
            }
            long rows = writer.endCopy();
            progress.rows.add(rows - (messages & ~1023L));
            return new long[] {rows, bytes};
        } catch (SQLException e) {
            if (reader.isActive()) {
                reader.cancelCopy();
            }
            if (writer.isActive()) {
                writer.cancelCopy();
            }
            throw e;
        }
    }

    /** Writes each large object's contents into the object pre-data created with the same OID. */
    private long[] copyLargeObjects(Connection src, Connection tgt, Chunk chunk) throws SQLException {
        final int piece = 1 << 20;
        long bytes = 0;
        long count = 0;
        try (PreparedStatement get = src.prepareStatement("SELECT pg_catalog.lo_get(oid, ?, ?)"
                        + " FROM pg_catalog.pg_largeobject_metadata WHERE oid = ?::oid");
                PreparedStatement put = tgt.prepareStatement("SELECT pg_catalog.lo_put(?::oid, ?, ?)")) {
            for (long oid : chunk.largeObjects()) {
                long offset = 0;
                while (true) {
                    get.setLong(1, offset);
                    get.setInt(2, piece);
                    get.setLong(3, oid);
                    byte[] data;
                    try (ResultSet rs = get.executeQuery()) {
                        data = rs.next() ? rs.getBytes(1) : null;
                    }
                    if (data == null || data.length == 0) {
                        break;
                    }
                    put.setLong(1, oid);
                    put.setLong(2, offset);
                    put.setBytes(3, data);
                    put.execute();
                    offset += data.length;
                    bytes += data.length;
                    progress.bytes.add(data.length);
                    if (data.length < piece) {
                        break;
                    }
                }
                count++;
            }
        }
        return new long[] {count, bytes};
    }

    private static String describe(Chunk c) {
        if (c.table() == null) {
            return c.largeObjects().size() + " large objects from OID "
                    + c.largeObjects().get(0);
        }
        if (c.firstBlock() == null && c.endBlock() == null) {
            return "table " + c.table();
        }
        return "table " + c.table() + " blocks " + (c.firstBlock() == null ? 0 : c.firstBlock()) + ".."
                + (c.endBlock() == null ? "end" : c.endBlock());
    }
}
