package dev.liftoff.postgres.verify;

import dev.liftoff.core.Durations;
import dev.liftoff.core.Rate;
import dev.liftoff.core.progress.Meter;
import dev.liftoff.core.progress.Progress;
import dev.liftoff.postgres.VerifyConfig;
import dev.liftoff.postgres.VerifyResult;
import dev.liftoff.postgres.VerifyResult.Difference;
import dev.liftoff.postgres.VerifyResult.LargeObjectFinding;
import dev.liftoff.postgres.VerifyResult.RangeFinding;
import dev.liftoff.postgres.VerifyResult.SchemaDifference;
import dev.liftoff.postgres.VerifyResult.SequenceFinding;
import dev.liftoff.postgres.VerifyResult.TableFinding;
import dev.liftoff.postgres.jdbc.Side;
import dev.liftoff.postgres.verify.Catalog.Column;
import dev.liftoff.postgres.verify.Catalog.Key;
import dev.liftoff.postgres.verify.Catalog.Relation;
import dev.liftoff.postgres.verify.LargeObjects.Entry;
import dev.liftoff.postgres.verify.Sequences.State;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One comparison run, the engine behind {@link dev.liftoff.postgres.PgVerify}: opens a {@link SidePool} per
 * database, reads both catalogs and schemas, digests every table range on both sides in parallel, narrows differing
 * ranges down to rows, and compares sequences and large objects. Used once, from one thread.
 */
public final class Verifier {
    /** More ranges than this cost more in bookkeeping than they save when narrowing. */
    private static final int MAX_RANGES = 10_000;

    /** Differing ranges listed row by row per table: enough to fill a sample, bounded when a whole table differs. */
    private static final int NARROWED_RANGES = 8;

    /** Rows held in memory per side while narrowing one range; a range this big means the split was misjudged. */
    private static final int MAX_LISTED_ROWS = 2_000_000;

    /** Characters of a keyless row shown in a report. */
    private static final int SHOWN_CHARS = 120;

    private static final Set<String> INTEGER_TYPES = Set.of("smallint", "integer", "bigint");
    private static final int TID_RANGE_SCANS = 140_000;

    /** How long a timed-out run may take to stop once cancelled (cancel requests are answered in milliseconds). */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(30);

    private final VerifyConfig config;
    private final PrintStream progressOut;
    private final NameFilter filter;
    private final Meter rowsRead = new Meter(0);
    private final AtomicInteger tablesDone = new AtomicInteger();
    private volatile int tablesTotal;

    /**
     * @param progress where to show progress, or null for none
     */
    public Verifier(VerifyConfig config, PrintStream progress) {
        this.config = Objects.requireNonNull(config, "config");
        this.progressOut = progress;
        this.filter = new NameFilter(config.schemas(), config.tables(), config.excludeTables());
    }

    /** Runs the comparison; blocks until done and closes every connection it opened. */
    public VerifyResult run() {
        long started = System.nanoTime();
        try (SidePool source = SidePool.open(config.source(), Side.SOURCE, config.jobs());
                SidePool target = SidePool.open(config.target(), Side.TARGET, config.jobs())) {
            return withProgress(() -> compare(source, target, started));
        }
    }

    private VerifyResult withProgress(Supplier<VerifyResult> comparison) {
        Progress progress =
                progressOut == null ? Progress.silent() : Progress.start("verify", progressOut, this::status);
        try {
            return comparison.get();
        } finally {
            progress.close();
        }
    }

    /**
     * Takes both snapshots now and holds them (with their connections) for a comparison later: what
     * {@link Pinned#compare()} then reads is both databases as they were at this call, whatever is written since.
     * The caller closes it; until then the snapshots hold back vacuum on both servers.
     */
    public Pinned pin() {
        long started = System.nanoTime();
        SidePool source = SidePool.open(config.source(), Side.SOURCE, config.jobs());
        SidePool target = null;
        try {
            target = SidePool.open(config.target(), Side.TARGET, config.jobs());
            return new Pinned(source, target, started);
        } catch (RuntimeException e) {
            if (target != null) {
                target.close();
            }
            source.close();
            throw e;
        }
    }

    /** Both sides' snapshots, taken by {@link #pin()}, and the comparison of them. */
    public final class Pinned implements AutoCloseable {
        private final SidePool source;
        private final SidePool target;
        private final long pinnedAt;
        private final SequenceStates sequences;

        private Pinned(SidePool source, SidePool target, long pinnedAt) {
            this.source = source;
            this.target = target;
            this.pinnedAt = pinnedAt;
            // Sequences are not in any snapshot: their values are read now, while both sides still hold the same.
            this.sequences = readSequences(
                    source.onCoordinator("reading the catalog", c -> Catalog.read(c, filter)),
                    target.onCoordinator("reading the catalog", c -> Catalog.read(c, filter)),
                    source,
                    target);
        }

        /** Compares the pinned snapshots (and the sequence values read when pinning); blocks until done. */
        public VerifyResult compare() {
            return withProgress(() -> Verifier.this.compare(source, target, System.nanoTime(), sequences));
        }

        /** How long ago the snapshots were taken, for a report. */
        public Duration age() {
            return Duration.ofNanos(System.nanoTime() - pinnedAt);
        }

        @Override
        public void close() {
            try {
                target.close();
            } finally {
                source.close();
            }
        }
    }

    /**
     * Runs the comparison within {@code timeout}: empty when it has not finished by then, in which case every statement
     * it started on either server is cancelled before this returns. Both snapshots are taken at the start.
     */
    public Optional<VerifyResult> run(Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        try (SidePool source = SidePool.open(config.source(), Side.SOURCE, config.jobs());
                SidePool target = SidePool.open(config.target(), Side.TARGET, config.jobs())) {
            CompletableFuture<VerifyResult> run = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("liftoff-verify").start(() -> {
                try {
                    run.complete(compare(source, target, started));
                } catch (Throwable e) {
                    run.completeExceptionally(e);
                }
            });
            try {
                return Optional.of(run.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                // Cancel until the run has ended: work between two statements may start one more after a cancel.
                long giveUp = System.nanoTime() + CANCEL_WAIT.toNanos();
                while (!run.isDone() && System.nanoTime() < giveUp) {
                    source.cancel();
                    target.cancel();
                    try {
                        run.get(100, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException | ExecutionException ignored) {
                        // still stopping, or stopped by the cancel: both mean go round again or leave
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                return Optional.empty();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException("verify failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                source.cancel();
                target.cancel();
                return Optional.empty();
            }
        }
    }

    private String status() {
        double rate = rowsRead.sample();
        String eta = rowsRead.eta().map(d -> ", ETA " + Durations.human(d)).orElse("");
        return "verify: " + tablesDone.get() + "/" + tablesTotal + " tables, " + Format.count(rowsRead.done())
                + " of " + Format.count(rowsRead.total()) + " rows read, "
                + Rate.human(rate).replace("/s", " rows/s") + eta;
    }

    private VerifyResult compare(SidePool source, SidePool target, long started) {
        return compare(source, target, started, null);
    }

    /** @param pinnedSequences sequence values read when the snapshots were pinned, or null to read them now */
    private VerifyResult compare(SidePool source, SidePool target, long started, SequenceStates pinnedSequences) {
        CompletableFuture<Catalog> sourceCatalog = source.submit("reading the catalog", c -> Catalog.read(c, filter));
        CompletableFuture<Catalog> targetCatalog = target.submit("reading the catalog", c -> Catalog.read(c, filter));
        CompletableFuture<SchemaSnapshot> sourceSchema = config.compareSchema()
                ? source.submit("reading the schema", c -> SchemaSnapshot.read(c, filter))
                : CompletableFuture.completedFuture(null);
        CompletableFuture<SchemaSnapshot> targetSchema = config.compareSchema()
                ? target.submit("reading the schema", c -> SchemaSnapshot.read(c, filter))
                : CompletableFuture.completedFuture(null);
        boolean largeObjects = !filter.relationsOnly();
        CompletableFuture<SortedMap<Long, Entry>> sourceObjects = largeObjects
                ? source.submit("reading large objects", LargeObjects::read)
                : CompletableFuture.completedFuture(null);
        CompletableFuture<SortedMap<Long, Entry>> targetObjects = largeObjects
                ? target.submit("reading large objects", LargeObjects::read)
                : CompletableFuture.completedFuture(null);

        Catalog sc = SidePool.join(sourceCatalog);
        Catalog tc = SidePool.join(targetCatalog);
        List<TableCheck> checks = plan(sc, tc, source);
        tablesTotal = checks.size();
        rowsRead.total(checks.stream().mapToLong(TableCheck::expectedRows).sum());
        checks.stream()
                .sorted(Comparator.comparingLong(TableCheck::expectedRows).reversed())
                .forEach(check -> check.start(source, target));

        List<SequenceFinding> sequences =
                compareSequences(pinnedSequences != null ? pinnedSequences : readSequences(sc, tc, source, target));
        List<TableFinding> tables = new ArrayList<>();
        Differences differences = new Differences();
        List<SchemaDifference> schema = config.compareSchema()
                ? SidePool.join(sourceSchema).differences(SidePool.join(targetSchema))
                : List.of();
        schema.forEach(d -> differences.add(d.kind(), d.name(), d.detail()));
        long rowsCompared = 0;
        for (TableCheck check : checks) {
            TableFinding finding = check.finish(source, target);
            tables.add(finding);
            rowsCompared += Math.max(0, finding.sourceRows());
            if (!finding.equal()) {
                differences.add(finding.kind(), finding.name(), check.detail(finding));
            }
        }
        for (SequenceFinding s : sequences) {
            if (!s.equal()) {
                differences.add("sequence", s.name(), sequenceDetail(s));
            }
        }
        LargeObjectFinding objects = null;
        if (largeObjects) {
            objects = compareLargeObjects(SidePool.join(sourceObjects), SidePool.join(targetObjects));
            objects.missingOnTarget()
                    .forEach(oid -> differences.add("large object", oid.toString(), "missing on target"));
            objects.extraOnTarget().forEach(oid -> differences.add("large object", oid.toString(), "extra on target"));
            objects.different().forEach(oid -> differences.add("large object", oid.toString(), "contents differ"));
        }
        List<Difference> all = differences.list();
        return new VerifyResult(
                all.isEmpty(),
                config.source().toString(),
                config.target().toString(),
                all,
                tables,
                sequences,
                objects,
                schema,
                config.compareSchema() ? SidePool.join(sourceSchema).objects().size() : 0,
                rowsCompared,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Collects details per object, so an object named by both the schema and the data check is one line. */
    private static final class Differences {
        private record Named(String kind, String name) {}

        private final Map<Named, Set<String>> details = new LinkedHashMap<>();

        void add(String kind, String name, String detail) {
            details.computeIfAbsent(new Named(kind, name), k -> new LinkedHashSet<>())
                    .add(detail);
        }

        List<Difference> list() {
            return details.entrySet().stream()
                    .map(e -> new Difference(e.getKey().kind(), e.getKey().name(), String.join("; ", e.getValue())))
                    .toList();
        }
    }

    // ---- tables -------------------------------------------------------------------------------------------------

    private List<TableCheck> plan(Catalog sc, Catalog tc, SidePool source) {
        Set<String> names = new LinkedHashSet<>();
        sc.relations().values().stream().filter(Relation::hasRows).forEach(r -> names.add(r.qualified()));
        tc.relations().values().stream().filter(Relation::hasRows).forEach(r -> names.add(r.qualified()));
        List<TableCheck> checks = new ArrayList<>();
        Map<TableCheck, CompletableFuture<Optional<long[]>>> bounds = new LinkedHashMap<>();
        for (String name : names) {
            TableCheck check = new TableCheck(
                    name, sc.relations().get(name), tc.relations().get(name));
            checks.add(check);
            check.keyRangeColumn()
                    .ifPresent(column -> bounds.put(
                            check,
                            source.submit(
                                    "reading the key range of " + name, c -> RowQueries.keyBounds(c, name, column))));
        }
        bounds.forEach((check, future) -> check.plan(SidePool.join(future)));
        checks.stream().filter(c -> !bounds.containsKey(c)).forEach(c -> c.plan(Optional.empty()));
        return checks;
    }

    /** The comparison of one table or materialized view, from plan to finding. */
    private final class TableCheck {
        private final String name;
        private final Relation s;
        private final Relation t;
        private final String kind;
        private String note = "";
        private boolean readRows;
        private boolean neitherPopulated;
        private List<Column> columns = List.of();
        private Optional<Key> key = Optional.empty();
        private TablePlan plan;
        private final List<CompletableFuture<Map<Integer, Digest>>> sourceParts = new ArrayList<>();
        private final List<CompletableFuture<Map<Integer, Digest>>> targetParts = new ArrayList<>();
        private long differingRows;

        TableCheck(String name, Relation s, Relation t) {
            this.name = name;
            this.s = s;
            this.t = t;
            this.kind = (s != null ? s : t).kindName();
            if (s == null) {
                note = "extra on target";
            } else if (t == null) {
                note = "missing on target";
            } else if (!s.hasRows() || !t.hasRows() || s.kind() != t.kind()) {
                note = "a " + s.kindName() + " on source, a " + t.kindName() + " on target";
            } else if (s.populated() != t.populated()) {
                // Worded as the schema comparison words it, so the two findings read as one.
                note = "populated: " + (s.populated() ? "yes on source, no on target" : "no on source, yes on target");
            } else if (!s.populated()) {
                // Never refreshed on either side: there are no rows to read, and reading would fail.
                neitherPopulated = true;
            } else {
                readRows = true;
                chooseColumns();
            }
        }

        private void chooseColumns() {
            Map<String, Column> theirs = new LinkedHashMap<>();
            t.columns().forEach(c -> theirs.put(c.name(), c));
            List<String> missing = new ArrayList<>();
            List<Column> common = new ArrayList<>();
            for (Column c : s.columns()) {
                Column other = theirs.remove(c.name());
                if (other != null) {
                    // A type that differs (reported by the schema check) can only be compared through its text.
                    common.add(other.type().equals(c.type()) ? c : new Column(c.name(), c.quoted(), "(differs)"));
                } else {
                    missing.add(c.name());
                }
            }
            List<String> parts = new ArrayList<>();
            if (!missing.isEmpty()) {
                parts.add(String.join(", ", missing) + " missing on target");
            }
            if (!theirs.isEmpty()) {
                parts.add(String.join(", ", theirs.keySet()) + " extra on target");
            }
            if (!parts.isEmpty()) {
                note = "columns differ (" + String.join("; ", parts) + "), compared the " + common.size()
                        + " common ones";
            }
            columns = common;
            List<String> names = common.stream().map(Column::name).toList();
            key = s.key().filter(k -> names.containsAll(k.columns())).or(() -> t.key()
                    .filter(k -> names.containsAll(k.columns())));
        }

        /** The integer key column to split by, when the table is big enough to split and has one on both sides. */
        Optional<String> keyRangeColumn() {
            if (!readRows
                    || rangesWanted() <= 1
                    || key.isEmpty()
                    || key.get().columns().size() != 1) {
                return Optional.empty();
            }
            String column = key.get().columns().get(0);
            String sourceType = key.get().types().get(0);
            boolean sameOnTarget = t.columns().stream()
                    .anyMatch(c -> c.name().equals(column) && c.type().equals(sourceType));
            return INTEGER_TYPES.contains(sourceType) && sameOnTarget
                    ? Optional.of(key.get().quoted().get(0))
                    : Optional.empty();
        }

        private int rangesWanted() {
            return (int) Math.min(MAX_RANGES, (s.estimatedRows() + config.splitRows() - 1) / config.splitRows());
        }

        /** Decides the split, given the source's smallest and largest key when splitting by key. */
        void plan(Optional<long[]> keyBounds) {
            if (!readRows) {
                return;
            }
            int wanted = rangesWanted();
            Split split;
            if (wanted <= 1) {
                split = new Split.None();
            } else {
                Split byKey = keyBounds
                        .map(b -> (Split) Split.KeyRange.of(
                                key.orElseThrow().columns().get(0),
                                key.get().quoted().get(0),
                                b[0],
                                b[1],
                                wanted))
                        .orElse(null);
                split = byKey != null ? byKey : new Split.Hash(wanted, key.isPresent());
            }
            plan = new TablePlan(name, columns, key, split);
        }

        long expectedRows() {
            return plan == null ? 0 : s.estimatedRows() + t.estimatedRows();
        }

        void start(SidePool source, SidePool target) {
            if (plan == null) {
                tablesDone.incrementAndGet();
                return;
            }
            submit(source, s, sourceParts);
            submit(target, t, targetParts);
            List<CompletableFuture<?>> all = new ArrayList<>(sourceParts);
            all.addAll(targetParts);
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                    .whenComplete((done, failed) -> tablesDone.incrementAndGet());
        }

        private void submit(SidePool pool, Relation r, List<CompletableFuture<Map<Integer, Digest>>> parts) {
            boolean tidRanges = pool.serverVersion() >= TID_RANGE_SCANS;
            for (TablePlan.Chunk chunk :
                    TablePlan.chunks(r.pages(), r.estimatedRows(), config.splitRows(), tidRanges)) {
                String sql = plan.digestSql(chunk);
                parts.add(pool.submit("reading " + name, c -> RowQueries.digest(c, sql, rowsRead)));
            }
        }

        TableFinding finish(SidePool source, SidePool target) {
            if (plan == null) {
                return neitherPopulated
                        ? new TableFinding(name, kind, "none", 0, 0, true, List.of(), List.of(), "not populated")
                        : new TableFinding(name, kind, "none", -1, -1, false, List.of(), List.of(), note);
            }
            Map<Integer, Digest> sd = merge(sourceParts);
            Map<Integer, Digest> td = merge(targetParts);
            Split split = plan.split();
            Set<Integer> ranges = new TreeSet<>();
            for (int i = 0; i < split.ranges(); i++) {
                ranges.add(i);
            }
            ranges.addAll(sd.keySet());
            ranges.addAll(td.keySet());
            List<RangeFinding> rangeFindings = new ArrayList<>();
            List<Integer> differing = new ArrayList<>();
            long sourceRows = 0;
            long targetRows = 0;
            for (int range : ranges) {
                Digest a = sd.getOrDefault(range, Digest.EMPTY);
                Digest b = td.getOrDefault(range, Digest.EMPTY);
                sourceRows += a.rows();
                targetRows += b.rows();
                rangeFindings.add(new RangeFinding(split.label(range), a.rows(), b.rows(), a.equals(b)));
                if (!a.equals(b)) {
                    differing.add(range);
                }
            }
            RowDiff diff = new RowDiff(config.sampleSize());
            if (!differing.isEmpty() && config.sampleSize() > 0) {
                narrow(source, target, differing, diff);
            }
            differingRows = diff.differing();
            boolean equal = differing.isEmpty() && note.isEmpty();
            return new TableFinding(
                    name, kind, split.describe(), sourceRows, targetRows, equal, rangeFindings, diff.sample(), note);
        }

        private void narrow(SidePool source, SidePool target, List<Integer> differing, RowDiff diff) {
            for (int range : differing.subList(0, Math.min(NARROWED_RANGES, differing.size()))) {
                if (diff.full()) {
                    return;
                }
                if (key.isPresent()) {
                    String sql = plan.keyedRowsSql(range);
                    var a = source.submit("listing rows of " + name, c -> RowQueries.keyed(c, sql, MAX_LISTED_ROWS));
                    var b = target.submit("listing rows of " + name, c -> RowQueries.keyed(c, sql, MAX_LISTED_ROWS));
                    RowQueries.Keyed sa = SidePool.join(a);
                    RowQueries.Keyed ta = SidePool.join(b);
                    if (sa.truncated() || ta.truncated()) {
                        return;
                    }
                    diff.keyed(sa.hashes(), ta.hashes(), plan::keyLabel);
                    sa.duplicates().forEach(k -> diff.add(plan.keyLabel(k), "duplicate key on source"));
                    ta.duplicates().forEach(k -> diff.add(plan.keyLabel(k), "duplicate key on target"));
                } else {
                    String sql = plan.keylessRowsSql(range, SHOWN_CHARS);
                    var a = source.submit("listing rows of " + name, c -> RowQueries.keyless(c, sql, MAX_LISTED_ROWS));
                    var b = target.submit("listing rows of " + name, c -> RowQueries.keyless(c, sql, MAX_LISTED_ROWS));
                    Optional<Map<Long, RowDiff.Occurrence>> sa = SidePool.join(a);
                    Optional<Map<Long, RowDiff.Occurrence>> ta = SidePool.join(b);
                    if (sa.isEmpty() || ta.isEmpty()) {
                        return;
                    }
                    diff.keyless(sa.get(), ta.get());
                }
            }
        }

        /** One line for the differing table: what differs, in which ranges, and the first rows. */
        String detail(TableFinding f) {
            List<String> parts = new ArrayList<>();
            if (!note.isEmpty()) {
                parts.add(note);
            }
            List<RangeFinding> bad =
                    f.ranges().stream().filter(r -> !r.digestsMatch()).toList();
            if (!bad.isEmpty()) {
                parts.add(
                        f.sourceRows() == f.targetRows()
                                ? Format.plural(f.sourceRows(), "row") + " on both sides, contents differ"
                                : Format.plural(f.sourceRows(), "row") + " on source, " + f.targetRows()
                                        + " on target");
                if (f.ranges().size() > 1) {
                    String labels = bad.stream()
                            .limit(3)
                            .map(RangeFinding::range)
                            .reduce((x, y) -> x + ", " + y)
                            .orElse("");
                    parts.add(bad.size() + " of " + f.ranges().size() + " ranges differ (" + labels
                            + (bad.size() > 3 ? ", ..." : "") + ")");
                }
                if (!f.rows().isEmpty()) {
                    String rows = f.rows().stream()
                            .limit(3)
                            .map(Object::toString)
                            .reduce((x, y) -> x + ", " + y)
                            .orElse("");
                    parts.add(rows + (differingRows > 3 ? ", ..." : ""));
                }
            }
            return String.join("; ", parts);
        }
    }

    private static Map<Integer, Digest> merge(List<CompletableFuture<Map<Integer, Digest>>> parts) {
        Map<Integer, Digest> sum = new LinkedHashMap<>();
        for (CompletableFuture<Map<Integer, Digest>> part : parts) {
            SidePool.join(part).forEach((range, d) -> sum.merge(range, d, Digest::plus));
        }
        return sum;
    }

    // ---- sequences and large objects -----------------------------------------------------------------------------

    /** Both sides' sequence values, read together (they are not transactional: these are their values now). */
    private record SequenceStates(Map<String, State> source, Map<String, State> target) {}

    private static SequenceStates readSequences(Catalog sc, Catalog tc, SidePool source, SidePool target) {
        List<Relation> ss = sequencesOf(sc);
        List<Relation> ts = sequencesOf(tc);
        return new SequenceStates(
                source.onCoordinator("reading sequences", c -> Sequences.read(c, ss)),
                target.onCoordinator("reading sequences", c -> Sequences.read(c, ts)));
    }

    private List<SequenceFinding> compareSequences(SequenceStates states) {
        Map<String, State> a = states.source();
        Map<String, State> b = states.target();
        Set<String> names = new LinkedHashSet<>(a.keySet());
        names.addAll(b.keySet());
        List<SequenceFinding> findings = new ArrayList<>();
        for (String name : names) {
            State x = a.get(name);
            State y = b.get(name);
            boolean definitions = x != null && y != null && x.definition().equals(y.definition());
            boolean equal = definitions && x.lastValue() == y.lastValue() && x.isCalled() == y.isCalled();
            findings.add(new SequenceFinding(
                    name,
                    x == null ? null : x.lastValue(),
                    x == null ? null : x.isCalled(),
                    y == null ? null : y.lastValue(),
                    y == null ? null : y.isCalled(),
                    definitions,
                    equal));
        }
        return findings;
    }

    private static List<Relation> sequencesOf(Catalog c) {
        return c.relations().values().stream().filter(r -> r.kind() == 'S').toList();
    }

    private static String sequenceDetail(SequenceFinding s) {
        if (s.sourceLastValue() == null) {
            return "extra on target";
        }
        if (s.targetLastValue() == null) {
            return "missing on target";
        }
        List<String> parts = new ArrayList<>();
        if (!s.sourceLastValue().equals(s.targetLastValue())) {
            parts.add("last_value " + s.sourceLastValue() + " on source, " + s.targetLastValue() + " on target");
        }
        if (!s.sourceIsCalled().equals(s.targetIsCalled())) {
            parts.add("is_called " + s.sourceIsCalled() + " on source, " + s.targetIsCalled() + " on target");
        }
        if (!s.definitionsMatch()) {
            parts.add("definition differs");
        }
        return String.join("; ", parts);
    }

    private static LargeObjectFinding compareLargeObjects(SortedMap<Long, Entry> a, SortedMap<Long, Entry> b) {
        List<Long> missing = new ArrayList<>();
        List<Long> extra = new ArrayList<>();
        List<Long> different = new ArrayList<>();
        a.forEach((oid, e) -> {
            Entry other = b.get(oid);
            if (other == null) {
                missing.add(oid);
            } else if (!other.equals(e)) {
                different.add(oid);
            }
        });
        b.keySet().stream().filter(oid -> !a.containsKey(oid)).forEach(extra::add);
        Function<SortedMap<Long, Entry>, Long> bytes =
                m -> m.values().stream().mapToLong(Entry::bytes).sum();
        return new LargeObjectFinding(
                a.size(),
                b.size(),
                bytes.apply(a),
                bytes.apply(b),
                missing,
                extra,
                different,
                missing.isEmpty() && extra.isEmpty() && different.isEmpty());
    }
}
