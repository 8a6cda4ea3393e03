package dev.liftoff.postgres.copy;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.core.Redaction;
import dev.liftoff.core.progress.Progress;
import dev.liftoff.postgres.PgCopyConfig;
import dev.liftoff.postgres.PgCopyResult;
import dev.liftoff.postgres.PgCopyResult.TableCopy;
import dev.liftoff.postgres.PgVerify;
import dev.liftoff.postgres.VerifyConfig;
import dev.liftoff.postgres.VerifyResult;
import dev.liftoff.postgres.jdbc.PgConnect;
import dev.liftoff.postgres.jdbc.Side;
import dev.liftoff.postgres.journal.CopyJournal;
import dev.liftoff.postgres.journal.CopyJournal.ChunkState;
import dev.liftoff.postgres.journal.JournalStore;
import dev.liftoff.postgres.journal.JournalStore.Chunk;
import dev.liftoff.postgres.journal.JournalStore.DbObject;
import dev.liftoff.postgres.preflight.DatabaseIdentity;
import dev.liftoff.postgres.preflight.Preflight;
import dev.liftoff.postgres.schema.DumpEntry;
import dev.liftoff.postgres.schema.DumpScript;
import dev.liftoff.postgres.schema.PgDump;
import dev.liftoff.postgres.schema.PostDataPlan;
import dev.liftoff.postgres.schema.PostDataStep;
import dev.liftoff.postgres.schema.QualifiedName;
import dev.liftoff.postgres.schema.SchemaFilter;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One run of {@link dev.liftoff.postgres.PgCopy}: preflight, schema, rows, sequences, post-data, verify, journaled on
 * the target so that a rerun continues where this one stopped. Public only for the facade; use {@code PgCopy}. Not
 * thread-safe: one run per instance.
 */
public final class CopyRun {
    private final PgCopyConfig config;
    private final PrintStream out;
    private final CopyProgress progress = new CopyProgress();

    /** A run of {@code config}; {@code out} shows progress, or {@code null} for none. */
    public CopyRun(PgCopyConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** Runs the copy; see {@link dev.liftoff.postgres.PgCopy#run(PgCopyConfig)}. */
    public PgCopyResult run() {
        long start = System.nanoTime();
        try (Progress display = out == null ? Progress.silent() : Progress.start("pg-copy", out, progress::line)) {
            return execute(start);
        } catch (SQLException e) {
            throw LiftoffException.environment(
                    Redaction.maskUserInfo("copy failed: " + Sessions.firstLine(e)
                            + "; fix the cause and run the same command again to resume"),
                    e);
        }
    }

    private PgCopyResult execute(long start) throws SQLException {
        PostgresUrl src = config.source();
        PostgresUrl tgt = config.target();
        DatabaseIdentity sourceId;
        DatabaseIdentity targetId;
        PgDump pgDump;
        Set<String> targetSettings;
        boolean resume;
        List<String> notices = new ArrayList<>();
        try (Connection s = PgConnect.open(src, Side.SOURCE);
                Connection t = PgConnect.open(tgt, Side.TARGET)) {
            sourceId = DatabaseIdentity.of(s);
            targetId = DatabaseIdentity.of(t);
            Preflight.refuseSameDatabase(sourceId, targetId, src, tgt);
            pgDump = PgDump.locate(config.pgDump());
            pgDump.requireFor(sourceId.majorVersion(), src);
            resume = Preflight.hasJournal(t);
            if (resume) {
                JournalStore.Run run = JournalStore.run(t);
                if (run.format() != JournalStore.FORMAT) {
                    throw LiftoffException.environment("target " + tgt.shortName() + " holds a copy journal of"
                            + " another liftoff version; pass --restart to drop that copy and start over");
                }
                if (!sameSource(run, sourceId) && !config.restart()) {
                    throw LiftoffException.environment("target " + tgt.shortName() + " holds liftoff's copy of"
                            + " another database (" + run.source() + "); pass --restart to drop that copy and start"
                            + " over, or point --target at an empty database");
                }
            }
            Preflight.requireExtensions(s, t, tgt);
            targetSettings = Preflight.settings(t);
            if (resume && config.restart()) {
                progress.phase = "dropping the earlier copy (--restart)";
                t.setAutoCommit(false);
                int dropped = JournalStore.dropCopy(t);
                t.commit();
                t.setAutoCommit(true);
                notices.add("--restart: dropped the " + dropped + " objects the earlier copy had created");
                resume = false;
            }
            if (!resume) {
                Preflight.requireEmpty(t, tgt);
            }
        }
        boolean binaryAllowed = targetId.majorVersion() >= sourceId.majorVersion();
        long indexMemoryKb = config.indexMemory().bytes() / 1024;

        progress.phase = "taking a snapshot of the source";
        long schemaStart = System.nanoTime();
        int schemaEntries = 0;
        List<String> postPreamble;
        List<Chunk> chunks;
        List<PostDataStep> pendingSteps;
        int stepTotal;
        List<SnapshotHolder.SequenceValue> sequences;
        Map<QualifiedName, LoadStage.TableSpec> specs = new HashMap<>();
        SourceCatalog catalog;
        double schemaSeconds;
        double dataSeconds;
        String snapshotText;
        try (SnapshotHolder holder = SnapshotHolder.open(src, config.snapshot(), sourceId.serverVersionNum())) {
            snapshotText = holder.text();
            catalog = SourceCatalog.read(holder.connection());
            sequences = holder.sequences(catalog.sequences());
            for (SourceCatalog.Table table : catalog.tables()) {
                specs.put(
                        table.name(),
                        new LoadStage.TableSpec(table.name(), table.columns(), binaryAllowed && table.binarySafe()));
            }
            try (Connection t = PgConnect.open(tgt, Side.TARGET)) {
                t.setAutoCommit(false);
                if (!resume) {
                    progress.phase = "dumping the schema";
                    String[] scripts = dumpBoth(pgDump, holder.name());
                    SchemaFilter.Filtered pre =
                            SchemaFilter.apply(DumpScript.parse(scripts[0]), config.ownerMap(), targetSettings);
                    SchemaFilter.Filtered post =
                            SchemaFilter.apply(DumpScript.parse(scripts[1]), config.ownerMap(), targetSettings);
                    notices.addAll(pre.notices());
                    notices.addAll(post.notices());
                    List<PostDataStep> steps = PostDataPlan.plan(post.script(), catalog.plainTables());
                    List<Chunk> plan = ChunkPlanner.plan(
                            catalog, config.chunkSize().bytes(), config.jobs(), sourceId.serverVersionNum() >= 140000);
                    progress.phase = "creating the schema";
                    Set<DbObject> before = JournalStore.inventory(t);
                    JournalStore.create(
                            t,
                            src.toString(),
                            sourceId.systemIdentifier(),
                            sourceId.database(),
                            holder.text(),
                            holder.name(),
                            String.join("\n", post.script().preamble()));
                    applyPreData(t, pre.script());
                    Set<DbObject> after = JournalStore.inventory(t);
                    JournalStore.recordCreated(t, JournalStore.created(before, after));
                    JournalStore.insertChunks(t, plan);
                    JournalStore.insertSteps(t, steps);
                    t.commit();
                    schemaEntries = pre.script().entries().size();
                }
                postPreamble = JournalStore.run(t).postDataPreamble();
                resetPartlyCopiedTables(t, JournalStore.chunks(t), holder.text());
                JournalStore.updateSnapshot(t, holder.text(), holder.name());
                t.commit();
                chunks = JournalStore.chunks(t);
                pendingSteps = JournalStore.pendingSteps(t);
                stepTotal = JournalStore.stepCount(t);
                t.commit();
            }
            schemaSeconds = seconds(schemaStart);

            long dataStart = System.nanoTime();
            List<Chunk> pending = chunks.stream().filter(c -> !c.done()).toList();
            List<PostDataStep> indexSteps = pendingSteps.stream()
                    .filter(s -> s.phase() == PostDataStep.INDEXES)
                    .toList();
            prepareProgress(chunks, catalog, stepTotal, pendingSteps.size());
            progress.phase = "rows";
            new LoadStage(
                            src,
                            tgt,
                            holder.name(),
                            holder.text(),
                            specs,
                            catalog.parents(),
                            pending,
                            indexSteps,
                            postPreamble,
                            config.jobs(),
                            indexMemoryKb,
                            progress)
                    .run();
            dataSeconds = seconds(dataStart);
        }

        long postStart = System.nanoTime();
        progress.phase = "setting sequences";
        try (Connection t = Sessions.target(tgt, postPreamble, config.jobs(), indexMemoryKb)) {
            try (PreparedStatement ps = t.prepareStatement("SELECT pg_catalog.setval(?::regclass, ?, ?)")) {
                for (SnapshotHolder.SequenceValue v : sequences) {
                    ps.setString(1, v.name());
                    ps.setLong(2, v.lastValue());
                    ps.setBoolean(3, v.isCalled());
                    ps.execute();
                }
            }
            JournalStore.markDataDone(t);
            t.commit();
        }
        progress.phase = "post-data";
        new StepRunner(tgt, postPreamble, config.jobs(), indexMemoryKb, progress)
                .run(pendingSteps.stream()
                        .filter(s -> s.phase() != PostDataStep.INDEXES)
                        .toList());
        List<Chunk> finalChunks;
        try (Connection t = PgConnect.open(tgt, Side.TARGET)) {
            t.setAutoCommit(false);
            JournalStore.markFinished(t);
            t.commit();
            finalChunks = JournalStore.chunks(t);
        }
        double postSeconds = seconds(postStart);

        VerifyResult verify = null;
        if (config.verify()) {
            progress.phase = "verifying";
            VerifyConfig vc = VerifyConfig.of(src, tgt).withJobs(config.jobs());
            verify = out == null ? PgVerify.run(vc) : PgVerify.run(vc, out);
        }
        return result(
                resume,
                snapshotText,
                finalChunks,
                specs,
                sequences.size(),
                schemaEntries,
                stepTotal,
                notices,
                seconds(start),
                schemaSeconds,
                dataSeconds,
                postSeconds,
                verify);
    }

    private static boolean sameSource(JournalStore.Run run, DatabaseIdentity source) {
        if (!run.database().equals(source.database())) {
            return false;
        }
        return run.systemIdentifier() == null
                || source.systemIdentifier() == null
                || run.systemIdentifier().equals(source.systemIdentifier());
    }

    /** pg_dump's pre-data and post-data, dumped at the same time under the copy's snapshot. */
    private String[] dumpBoth(PgDump pgDump, String snapshot) {
        String[] scripts = new String[2];
        RuntimeException[] failure = new RuntimeException[2];
        PgDump.Section[] sections = {PgDump.Section.PRE_DATA, PgDump.Section.POST_DATA};
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int k = i;
            threads.add(Thread.ofPlatform().name("liftoff-pg_dump-" + (k + 1)).start(() -> {
                try {
                    scripts[k] = pgDump.dump(
                            config.source(),
                            sections[k],
                            Optional.of(snapshot),
                            config.keepOwners(),
                            List.of(CopyJournal.SCHEMA));
                } catch (RuntimeException e) {
                    failure[k] = e;
                }
            }));
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LiftoffException.environment("interrupted while pg_dump ran", e);
        }
        for (RuntimeException e : failure) {
            if (e != null) {
                throw e;
            }
        }
        return scripts;
    }

    /** Runs the pre-data in the caller's transaction: it creates everything or nothing. */
    private void applyPreData(Connection t, DumpScript script) {
        DumpEntry current = null;
        try (Statement st = t.createStatement()) {
            for (String s : script.preamble()) {
                st.execute(s);
            }
            for (DumpEntry e : script.entries()) {
                current = e;
                st.execute(e.sql());
            }
        } catch (SQLException e) {
            Sessions.rollback(t);
            String what = current == null ? "the dump's session settings" : current.describe();
            throw LiftoffException.environment(
                    Redaction.maskUserInfo("target " + config.target().shortName()
                            + ": creating " + what + " failed: " + Sessions.firstLine(e)
                            + "; nothing was written; fix the cause (a missing role or extension?) and run again"),
                    e);
        }
    }

    /**
     * A table partly copied under another snapshot is emptied and copied again whole, so that every table's rows
     * come from one snapshot: mixing snapshots within a table could duplicate or lose rows that moved meanwhile.
     */
    private static void resetPartlyCopiedTables(Connection t, List<Chunk> chunks, String snapshot) throws SQLException {
        Map<QualifiedName, List<Chunk>> byTable = new LinkedHashMap<>();
        for (Chunk c : chunks) {
            if (c.table() != null) {
                byTable.computeIfAbsent(c.table(), k -> new ArrayList<>()).add(c);
            }
        }
        for (Map.Entry<QualifiedName, List<Chunk>> e : byTable.entrySet()) {
            List<Chunk> list = e.getValue();
            long done = list.stream().filter(Chunk::done).count();
            boolean otherSnapshot = list.stream().anyMatch(c -> c.done() && !snapshot.equals(c.snapshot()));
            if (done > 0 && done < list.size() && otherSnapshot) {
                JournalStore.resetTable(t, e.getKey());
            }
        }
    }

    private void prepareProgress(List<Chunk> chunks, SourceCatalog catalog, int stepTotal, int stepsPending) {
        Map<QualifiedName, Long> estimate = new HashMap<>();
        for (SourceCatalog.Table table : catalog.tables()) {
            estimate.put(table.name(), table.estimatedRows());
        }
        Map<QualifiedName, int[]> perTable = new LinkedHashMap<>();
        for (Chunk c : chunks) {
            if (c.table() != null) {
                int[] n = perTable.computeIfAbsent(c.table(), k -> new int[2]);
                n[0]++;
                if (!c.done()) {
                    n[1]++;
                }
            }
        }
        long rowsLeft = 0;
        int tablesDone = 0;
        for (Map.Entry<QualifiedName, int[]> e : perTable.entrySet()) {
            int[] n = e.getValue();
            rowsLeft += estimate.getOrDefault(e.getKey(), 0L) * n[1] / n[0];
            if (n[1] == 0) {
                tablesDone++;
            }
        }
        progress.rows.total(rowsLeft);
        progress.tablesTotal = perTable.size();
        progress.tablesDone.set(tablesDone);
        progress.stepsTotal = stepTotal;
        progress.stepsDone.set(stepTotal - stepsPending);
    }

    private PgCopyResult result(
            boolean resumed,
            String snapshot,
            List<Chunk> chunks,
            Map<QualifiedName, LoadStage.TableSpec> specs,
            int sequences,
            int schemaEntries,
            int steps,
            List<String> notices,
            double total,
            double schema,
            double data,
            double post,
            VerifyResult verify) {
        Map<QualifiedName, TableCopy> perTable = new LinkedHashMap<>();
        long rows = 0;
        long bytes = 0;
        long largeObjects = 0;
        for (Chunk c : chunks) {
            if (c.kind().equals(ChunkState.LARGE_OBJECTS)) {
                largeObjects += c.rows();
                continue;
            }
            rows += c.rows();
            bytes += c.bytes();
            LoadStage.TableSpec spec = specs.get(c.table());
            String format = spec != null && spec.binary() ? "binary" : "text";
            perTable.merge(
                    c.table(),
                    new TableCopy(c.relation(), c.rows(), c.bytes(), 1, format, c.seconds()),
                    (a, b) -> new TableCopy(
                            a.name(),
                            a.rows() + b.rows(),
                            a.bytes() + b.bytes(),
                            a.chunks() + 1,
                            a.format(),
                            a.seconds() + b.seconds()));
        }
        return new PgCopyResult(
                config.source().toString(),
                config.target().toString(),
                resumed,
                snapshot,
                perTable.size(),
                rows,
                bytes,
                sequences,
                largeObjects,
                schemaEntries,
                steps,
                notices,
                new ArrayList<>(perTable.values()),
                total,
                schema,
                data,
                post,
                verify);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
