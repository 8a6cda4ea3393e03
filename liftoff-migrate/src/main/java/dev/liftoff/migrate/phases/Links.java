package dev.liftoff.migrate.phases;

import dev.liftoff.migrate.config.Endpoints;
import dev.liftoff.migrate.config.FreezeMode;
import dev.liftoff.migrate.config.MigrateConfig;
import dev.liftoff.migrate.runbook.DataHandoff;
import dev.liftoff.migrate.runbook.TrafficSwitch;
import dev.liftoff.migrate.runbook.Verdict;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A migration's connections to the gateway and its live syncs, each opened on first use: building the runbook connects
 * to nothing (so {@code migrate plan} can list it), and a run resumed at a late phase opens only what it needs. It is
 * the cutover's {@link TrafficSwitch} and {@link DataHandoff}. Thread-safe; {@link #close()} stops the syncs and closes
 * the admin client.
 */
public final class Links implements TrafficSwitch, DataHandoff, AutoCloseable {
    private final MigrateConfig config;
    private final Map<String, String> env;
    private final PrintStream status;
    private Endpoints endpoints;
    private GatewaySwitch gateway;
    private RedisLink redis;
    private PgLink postgres;

    /** @param status where the syncs' notices go; the caller owns it */
    public Links(MigrateConfig config, Map<String, String> env, PrintStream status) {
        this.config = config;
        this.env = Map.copyOf(env);
        this.status = status;
    }

    private synchronized Endpoints endpoints() {
        if (endpoints == null) {
            endpoints = config.endpoints(env);
        }
        return endpoints;
    }

    /** The gateway's admin client. */
    public synchronized GatewaySwitch gateway() {
        if (gateway == null) {
            gateway = GatewaySwitch.of(config.gateway());
        }
        return gateway;
    }

    /** The PostgreSQL sync. */
    public synchronized PgLink postgres() {
        if (postgres == null) {
            Endpoints e = endpoints();
            postgres = new PgLink(e.sourcePostgres(), e.targetPostgres(), status);
        }
        return postgres;
    }

    /** The Redis sync, when the migration moves a Redis. */
    public synchronized Optional<RedisLink> redis() {
        if (redis == null && config.movesRedis()) {
            Endpoints e = endpoints();
            redis = new RedisLink(e.sourceRedis().orElseThrow(), e.targetRedis().orElseThrow(), status);
        }
        return Optional.ofNullable(redis);
    }

    /** Every store the migration syncs, opened. */
    public List<StoreLink> stores() {
        List<StoreLink> out = new ArrayList<>();
        out.add(postgres());
        redis().ifPresent(out::add);
        return out;
    }

    /** Stops the syncs this process runs. */
    public synchronized void stopSyncs() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Override
    public boolean switched() {
        return gateway().switched();
    }

    @Override
    public void freeze(FreezeMode mode) {
        gateway().freeze(mode);
    }

    @Override
    public boolean waitIdle(Duration timeout) {
        return gateway().waitIdle(timeout);
    }

    @Override
    public void switchUpstream() {
        gateway().switchUpstream();
    }

    @Override
    public void release() {
        gateway().release();
    }

    @Override
    public Duration lag() {
        return new SyncedData(stores()).lag();
    }

    @Override
    public boolean finish(Duration timeout) {
        return new SyncedData(stores()).finish(timeout);
    }

    @Override
    public Verdict quickVerify(Duration timeout) {
        return new SyncedData(stores()).quickVerify(timeout);
    }

    @Override
    public Verdict pinForAfterSwitch(Duration timeout) {
        return new SyncedData(stores()).pinForAfterSwitch(timeout);
    }

    @Override
    public Optional<Verdict> verifyPinned() {
        return new SyncedData(stores()).verifyPinned();
    }

    @Override
    public void releasePinned() {
        new SyncedData(stores()).releasePinned();
    }

    @Override
    public synchronized void close() {
        try {
            stopSyncs();
            if (postgres != null) {
                postgres.releasePinned();
            }
        } finally {
            if (gateway != null) {
                gateway.close();
            }
        }
    }
}
