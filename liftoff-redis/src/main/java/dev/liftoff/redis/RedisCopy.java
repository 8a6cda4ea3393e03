package dev.liftoff.redis;

import dev.liftoff.core.ByteSize;
import dev.liftoff.core.Durations;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.Rate;
import dev.liftoff.core.progress.Meter;
import dev.liftoff.core.progress.Progress;
import dev.liftoff.redis.copy.CopyPool;
import dev.liftoff.redis.copy.MoveContext;
import dev.liftoff.redis.resp.RespConnection;
import java.io.PrintStream;

/**
 * Copies a Redis keyspace: every logical database that holds keys (or one), every type, binary-safe, with expiry
 * times to the millisecond. Preflight first (both ends answer, not the same server, target empty unless
 * {@link CopyConfig#replace()}), then {@code SCAN} feeds a pool of pipelined movers. Nothing is written before the
 * preflight passes. Blocking; thread-safe in the sense that each call is independent.
 */
public final class RedisCopy {
    private RedisCopy() {}

    /**
     * Runs the copy.
     *
     * @param status where progress (keys/s, bytes, ETA) and notices go; the caller owns it
     * @throws LiftoffException on a refusal (exit 2 or 3) or a failure mid-way (exit 3)
     */
    public static CopyResult run(CopyConfig config, PrintStream status) {
        Endpoints eps = config.endpoints();
        try (RespConnection source = RespConnection.open(eps.sourceEndpoint(), "scan");
                RespConnection target = RespConnection.open(eps.targetEndpoint(), "check")) {
            Preflight.Plan plan = Preflight.check(eps, config.db(), source, target, !config.replace());
            MoveContext ctx = context(plan, config.bigKeyBytes(), status);
            long total = 0;
            for (int db : plan.databases()) {
                total += plan.source().keys().getOrDefault(db, 0L);
            }
            Meter meter = new Meter(total);
            long started = System.nanoTime();
            try (Progress progress = Progress.start("redis-copy", status, () -> line(meter, ctx));
                    CopyPool pool =
                            new CopyPool(ctx, eps.sourceEndpoint(), eps.targetEndpoint(), config.jobs(), false)) {
                pool.scan(source, plan.databases(), meter::add);
                pool.finish();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw LiftoffException.environment("the copy was interrupted; rerun it with --replace to finish");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new CopyResult(
                    eps.source().toString(),
                    eps.target().toString(),
                    plan.databases(),
                    ctx.keys(),
                    ctx.bytes(),
                    ctx.bigKeys(),
                    ctx.gone(),
                    ctx.method(),
                    ctx.methodReason(),
                    seconds,
                    seconds > 0 ? ctx.keys() / seconds : 0);
        }
    }

    static MoveContext context(Preflight.Plan plan, long bigKeyBytes, PrintStream status) {
        return new MoveContext(
                plan.dumpRestore(),
                plan.methodReason(),
                bigKeyBytes,
                plan.targetClockOffsetMillis(),
                plan.target().versionNumber(),
                status);
    }

    private static String line(Meter meter, MoveContext ctx) {
        double rate = meter.sample();
        String eta = meter.eta().map(d -> ", ETA " + Durations.human(d)).orElse("");
        return "redis copy: " + ctx.keys() + "/" + meter.total() + " keys, "
                + Rate.human(rate).replace("/s", " keys/s") + ", " + ByteSize.human(ctx.bytes()) + eta;
    }
}
