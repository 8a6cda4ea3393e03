package dev.liftoff.redis;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.redis.copy.OwnKeys;
import dev.liftoff.redis.resp.Clocks;
import dev.liftoff.redis.resp.RespConnection;
import dev.liftoff.redis.resp.ServerInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Checks made before anything is written, shared by copy, sync and verify: both ends answer, they are not the same
 * server, neither is a cluster, which databases to move, whether the target is empty, which copy method fits the two
 * versions, and the target's clock offset. Every refusal is one line naming the problem and the fix.
 */
final class Preflight {
    /**
     * What the checks decided.
     *
     * @param databases the logical databases to move, ascending
     * @param stateDb the target database that holds the sync state
     */
    record Plan(
            ServerInfo source,
            ServerInfo target,
            List<Integer> databases,
            int stateDb,
            boolean dumpRestore,
            String methodReason,
            long targetClockOffsetMillis) {}

    private Preflight() {}

    /**
     * @param db the one database to move, else every database that holds keys on the source
     * @param refuseNonEmptyTarget refuse a target that holds keys (other than liftoff's own)
     */
    static Plan check(
            Endpoints endpoints,
            OptionalInt db,
            RespConnection source,
            RespConnection target,
            boolean refuseNonEmptyTarget) {
        ServerInfo src = ServerInfo.of(source);
        ServerInfo tgt = ServerInfo.of(target);
        for (ServerInfo info : List.of(src, tgt)) {
            if (info.mode().equals("cluster")) {
                String option = info == src ? "--source" : "--target";
                throw LiftoffException.usage(
                        option + " is a Redis Cluster, which liftoff does not move yet; point it at"
                                + " a standalone server or a cluster-mode-disabled replication group");
            }
        }
        if (!src.runId().isEmpty() && src.runId().equals(tgt.runId())) {
            throw LiftoffException.usage("--source and --target reach the same server (run_id " + src.runId()
                    + "); point --target at the new server");
        }
        OptionalInt only = only(endpoints, db);
        List<Integer> dbs = new ArrayList<>();
        if (only.isPresent()) {
            dbs.add(only.getAsInt());
        } else {
            dbs.addAll(new TreeSet<>(src.keys().keySet()));
        }
        if (refuseNonEmptyTarget) {
            refuseNonEmpty(target, tgt, only);
        }
        int srcMinor = src.versionNumber() / 100;
        int tgtMinor = tgt.versionNumber() / 100;
        boolean dumpRestore = tgtMinor >= srcMinor;
        String reason = dumpRestore
                ? "the target runs Redis " + tgt.version() + ", not older than the source's " + src.version()
                : "the target runs Redis " + tgt.version() + ", older than the source's " + src.version()
                        + ", and cannot read newer DUMP payloads";
        return new Plan(src, tgt, List.copyOf(dbs), only.orElse(0), dumpRestore, reason, Clocks.offsetMillis(target));
    }

    /** The one database to move: {@code --db}, else the source URL's path, else none (every database). */
    static OptionalInt only(Endpoints endpoints, OptionalInt db) {
        int urlDb = endpoints.source().database();
        int targetUrlDb = endpoints.target().database();
        if (urlDb != targetUrlDb) {
            throw LiftoffException.usage("--source names database " + urlDb + " and --target database " + targetUrlDb
                    + "; liftoff keeps database numbers, so drop the /N from the URLs and pass --db N");
        }
        if (db.isPresent()) {
            if (urlDb != 0 && urlDb != db.getAsInt()) {
                throw LiftoffException.usage("--db " + db.getAsInt() + " disagrees with the URLs' database " + urlDb
                        + "; give the database once");
            }
            return db;
        }
        return urlDb != 0 ? OptionalInt.of(urlDb) : OptionalInt.empty();
    }

    private static void refuseNonEmpty(RespConnection target, ServerInfo tgt, OptionalInt only) {
        StringJoiner where = new StringJoiner(", ");
        long total = 0;
        for (Map.Entry<Integer, Long> e : tgt.keys().entrySet()) {
            if (only.isPresent() && only.getAsInt() != e.getKey()) {
                continue;
            }
            long foreign = e.getValue() - ownKeys(target, e.getKey(), e.getValue());
            if (foreign > 0) {
                where.add("db" + e.getKey() + ": " + foreign);
                total += foreign;
            }
        }
        if (total > 0) {
            throw new LiftoffException(
                    ErrorCode.ENVIRONMENT,
                    "the target already holds " + total + " keys (" + where + "); point --target at an empty server, or"
                            + " pass --replace to overwrite keys of the same name (keys only on the target stay)");
        }
    }

    /** How many of a small database's keys are liftoff's own (a big one is not empty either way). */
    @SuppressWarnings("unchecked")
    private static long ownKeys(RespConnection c, int db, long keys) {
        if (keys > 100) {
            return 0;
        }
        c.select(db);
        long own = 0;
        byte[] cursor = "0".getBytes(StandardCharsets.US_ASCII);
        do {
            List<Object> reply = (List<Object>) c.callOk("SCAN", cursor, "COUNT", 1000);
            cursor = (byte[]) reply.get(0);
            for (Object k : (List<Object>) reply.get(1)) {
                if (OwnKeys.isOwn((byte[]) k)) {
                    own++;
                }
            }
        } while (!(cursor.length == 1 && cursor[0] == '0'));
        return own;
    }
}
