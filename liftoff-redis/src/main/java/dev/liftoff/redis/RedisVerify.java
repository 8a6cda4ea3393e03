package dev.liftoff.redis;

import dev.liftoff.core.progress.Meter;
import dev.liftoff.core.progress.Progress;
import dev.liftoff.redis.resp.RespConnection;
import dev.liftoff.redis.resp.ServerInfo;
import dev.liftoff.redis.verify.Comparer;
import dev.liftoff.redis.verify.Difference;
import dev.liftoff.redis.verify.Mismatch;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Compares two keyspaces: key sets both ways, types, contents and expiry times, over every key ({@code full}) or a
 * random sample. Keys that differ are compared a second time before they are reported, so that a change a live sync
 * has not applied yet does not show as a difference. liftoff's own keys are left out. Read-only on both ends; blocking.
 */
public final class RedisVerify {
    private static final int SCAN_COUNT = 1000;

    private RedisVerify() {}

    /**
     * Runs the comparison; the caller decides what a difference means (the command line exits 1).
     *
     * @param status where progress goes; the caller owns it
     */
    public static VerifyResult run(VerifyConfig config, PrintStream status) {
        Endpoints eps = config.endpoints();
        long started = System.nanoTime();
        OptionalInt only = Preflight.only(eps, config.db());
        try (RespConnection source = RespConnection.open(eps.sourceEndpoint(), "verify-scan");
                RespConnection target = RespConnection.open(eps.targetEndpoint(), "verify-scan")) {
            ServerInfo src = ServerInfo.of(source);
            ServerInfo tgt = ServerInfo.of(target);
            TreeSet<Integer> dbs = new TreeSet<>();
            if (only.isPresent()) {
                dbs.add(only.getAsInt());
            } else {
                dbs.addAll(src.keys().keySet());
                dbs.addAll(tgt.keys().keySet());
            }
            boolean samePayloads = src.versionNumber() / 100 == tgt.versionNumber() / 100;
            long total =
                    config.sample().isPresent() ? 2L * config.sample().getAsInt() : src.totalKeys() + tgt.totalKeys();
            Meter meter = new Meter(total);
            List<Mismatch> found = new ArrayList<>();
            try (Comparer comparer = new Comparer(
                            eps.sourceEndpoint(),
                            eps.targetEndpoint(),
                            samePayloads,
                            config.ttlTolerance().toMillis());
                    Progress progress = Progress.start(
                            "redis-verify",
                            status,
                            () -> "redis verify: " + meter.done() + "/" + meter.total() + " keys, " + found.size()
                                    + " differ")) {
                for (int db : dbs) {
                    forEachBatch(source, db, config.sample(), src, batch -> {
                        found.addAll(comparer.compare(db, batch));
                        meter.add(batch.size());
                    });
                    forEachBatch(target, db, config.sample(), tgt, batch -> {
                        found.addAll(comparer.extras(db, batch));
                        meter.add(batch.size());
                    });
                }
                List<Difference> confirmed = recheck(comparer, found);
                return result(config, eps, dbs, meter.done(), confirmed, (System.nanoTime() - started) / 1e9);
            }
        }
    }

    /** Compares the differing keys once more and keeps those that still differ. */
    private static List<Difference> recheck(Comparer comparer, List<Mismatch> found) {
        Map<Integer, List<byte[]>> compareAgain = new LinkedHashMap<>();
        Map<Integer, List<byte[]>> existsAgain = new LinkedHashMap<>();
        for (Mismatch m : found) {
            Map<Integer, List<byte[]>> into =
                    m.difference().kind().equals("extra_on_target") ? existsAgain : compareAgain;
            into.computeIfAbsent(m.difference().db(), d -> new ArrayList<>()).add(m.key());
        }
        List<Difference> out = new ArrayList<>();
        recheck(compareAgain, comparer::compare, out);
        recheck(existsAgain, comparer::extras, out);
        return out;
    }

    private static void recheck(
            Map<Integer, List<byte[]>> keys,
            BiFunction<Integer, List<byte[]>, List<Mismatch>> check,
            List<Difference> out) {
        for (Map.Entry<Integer, List<byte[]>> e : keys.entrySet()) {
            List<byte[]> all = e.getValue();
            for (int i = 0; i < all.size(); i += SCAN_COUNT) {
                for (Mismatch m : check.apply(e.getKey(), all.subList(i, Math.min(all.size(), i + SCAN_COUNT)))) {
                    out.add(m.difference());
                }
            }
        }
    }

    /** Every key of {@code db} in SCAN batches, or a random sample proportional to the database's share. */
    @SuppressWarnings("unchecked")
    private static void forEachBatch(
            RespConnection c, int db, OptionalInt sample, ServerInfo info, Consumer<List<byte[]>> batches) {
        c.select(db);
        if (sample.isPresent()) {
            long have = info.keys().getOrDefault(db, 0L);
            if (have == 0) {
                return;
            }
            long share = Math.max(1, Math.round((double) sample.getAsInt() * have / Math.max(1, info.totalKeys())));
            for (long i = 0; i < share; i++) {
                c.send("RANDOMKEY");
            }
            c.flush();
            Map<String, byte[]> unique = new LinkedHashMap<>();
            for (long i = 0; i < share; i++) {
                if (c.read() instanceof byte[] k) {
                    unique.put(new String(k, StandardCharsets.ISO_8859_1), k);
                }
            }
            List<byte[]> all = new ArrayList<>(unique.values());
            for (int i = 0; i < all.size(); i += SCAN_COUNT) {
                batches.accept(all.subList(i, Math.min(all.size(), i + SCAN_COUNT)));
            }
            return;
        }
        byte[] cursor = "0".getBytes(StandardCharsets.US_ASCII);
        do {
            List<Object> reply = (List<Object>) c.callOk("SCAN", cursor, "COUNT", SCAN_COUNT);
            cursor = (byte[]) reply.get(0);
            List<byte[]> batch = new ArrayList<>();
            for (Object k : (List<Object>) reply.get(1)) {
                batch.add((byte[]) k);
            }
            if (!batch.isEmpty()) {
                batches.accept(batch);
            }
        } while (!(cursor.length == 1 && cursor[0] == '0'));
    }

    private static VerifyResult result(
            VerifyConfig config, Endpoints eps, TreeSet<Integer> dbs, long compared, List<Difference> diffs, double s) {
        long missing = count(diffs, "missing_on_target");
        long extra = count(diffs, "extra_on_target");
        long type = count(diffs, "type");
        long content = count(diffs, "content");
        long ttl = count(diffs, "ttl");
        long keys = diffs.stream().map(d -> d.db() + ":" + d.key()).distinct().count();
        return new VerifyResult(
                eps.source().toString(),
                eps.target().toString(),
                config.sample().isPresent() ? "sample" : "full",
                List.copyOf(dbs),
                compared,
                keys,
                missing,
                extra,
                type,
                content,
                ttl,
                diffs.subList(0, Math.min(diffs.size(), config.maxReported())),
                s);
    }

    private static long count(List<Difference> diffs, String kind) {
        return diffs.stream().filter(d -> d.kind().equals(kind)).count();
    }
}
