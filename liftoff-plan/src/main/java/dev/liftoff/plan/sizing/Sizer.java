package dev.liftoff.plan.sizing;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.plan.heroku.Addon;
import dev.liftoff.plan.heroku.Autoscaling;
import dev.liftoff.plan.heroku.DataPlans;
import dev.liftoff.plan.heroku.DynoSize;
import dev.liftoff.plan.heroku.Formation;
import dev.liftoff.plan.heroku.HerokuApp;
import dev.liftoff.plan.heroku.ProcessMetrics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Sizes a Heroku app's AWS stack. Like-for-like gives each process the cheapest Fargate task with at least its dyno's
 * vCPUs and memory, at the same counts and autoscaling range. Right-sized, where metrics give a process's p95 CPU and
 * memory: the task must keep p95 load at {@value #CPU_TARGET_PERCENT}% of its vCPUs and hold p95 memory plus
 * {@value #MEMORY_HEADROOM_PERCENT}%; the task count carries the peak (the observed peak request rate over what one
 * task serves at the CPU target), web keeps at least two tasks (one per AZ) when Heroku ran two, and the autoscaling
 * maximum carries Heroku's maximum dynos' worth of load (twice the count without a Heroku range). Databases and caches
 * match their Heroku plan in both options: the export has no database metrics. Immutable and thread-safe.
 */
public final class Sizer {
    /** Target CPU utilization: p95 load sits at this share of a task's vCPUs, leaving room for bursts. */
    public static final int CPU_TARGET_PERCENT = 70;
    /** Memory headroom over p95 use, for heap growth and deploy overlap. */
    public static final int MEMORY_HEADROOM_PERCENT = 30;

    private static final BigDecimal CPU_TARGET =
            BigDecimal.valueOf(CPU_TARGET_PERCENT).movePointLeft(2);
    private static final BigDecimal MEMORY_FACTOR =
            BigDecimal.ONE.add(BigDecimal.valueOf(MEMORY_HEADROOM_PERCENT).movePointLeft(2));
    private static final BigDecimal MB_PER_GB = BigDecimal.valueOf(1024);
    /** RDS's default max_connections is the instance memory over this many bytes. */
    private static final long BYTES_PER_CONNECTION = 9_531_392L;

    private record DbClass(String name, int memoryGib) {}

    private record CacheNode(String name, int memoryMib) {}

    private static final List<DbClass> DB_CLASSES = List.of(
            new DbClass("db.t4g.micro", 1),
            new DbClass("db.t4g.small", 2),
            new DbClass("db.t4g.medium", 4),
            new DbClass("db.t4g.large", 8),
            new DbClass("db.t4g.xlarge", 16),
            new DbClass("db.t4g.2xlarge", 32),
            new DbClass("db.r6g.2xlarge", 64),
            new DbClass("db.r6g.4xlarge", 128));

    private static final List<CacheNode> CACHE_NODES = List.of(
            new CacheNode("cache.t4g.micro", 512),
            new CacheNode("cache.t4g.small", 1403),
            new CacheNode("cache.t4g.medium", 3164),
            new CacheNode("cache.m6g.large", 6533),
            new CacheNode("cache.r6g.large", 13384),
            new CacheNode("cache.r6g.xlarge", 26952));

    public static final String LIKE_FOR_LIKE = "like-for-like";
    public static final String RIGHT_SIZED = "right-sized";

    private final BigDecimal vcpuHour;
    private final BigDecimal gbHour;

    /** A sizer choosing the cheapest Fargate size at these per-hour prices (the architecture's). */
    public Sizer(BigDecimal vcpuHour, BigDecimal gbHour) {
        this.vcpuHour = vcpuHour;
        this.gbHour = gbHour;
    }

    public AppSizing likeForLike(HerokuApp app) {
        return size(app, false);
    }

    public AppSizing rightSized(HerokuApp app) {
        return size(app, true);
    }

    private AppSizing size(HerokuApp app, boolean right) {
        List<String> notes = new ArrayList<>();
        List<ServiceSize> services = new ArrayList<>();
        for (Formation f : app.formation()) {
            if (f.quantity() == 0) {
                notes.add(app.name() + ": " + f.type() + " runs 0 dynos on Heroku, so no service is priced for it");
                continue;
            }
            Autoscaling auto = app.autoscaling().get(f.type());
            ProcessMetrics m = app.metrics().process(f.type());
            if (right && m != null && m.sizable()) {
                services.add(rightSized(f, auto, m, app.metrics().windowDays()));
            } else {
                ServiceSize like = likeForLike(f, auto);
                if (right) {
                    like = new ServiceSize(
                            like.process(),
                            like.web(),
                            like.size(),
                            like.count(),
                            like.minCount(),
                            like.maxCount(),
                            like.requestsPerTargetPerMinute(),
                            like.command(),
                            "no CPU and memory metrics for " + f.type() + ": sized like-for-like; " + like.rationale());
                    notes.add(app.name() + ": no metrics for " + f.type()
                            + ", so its right-sized service is the like-for-like one");
                }
                services.add(like);
            }
        }
        List<DatabaseSize> dbs = new ArrayList<>();
        List<CacheSize> caches = new ArrayList<>();
        for (Addon a : app.addons()) {
            switch (a.kind()) {
                case POSTGRES -> dbs.add(database(app, a));
                case REDIS -> caches.add(cache(app, a));
                default -> {}
            }
        }
        return new AppSizing(
                app.name(), app.environment(), right ? RIGHT_SIZED : LIKE_FOR_LIKE, services, dbs, caches, notes);
    }

    private FargateSize fit(BigDecimal vcpu, BigDecimal memoryGb) {
        return FargateSize.cheapestFitting(vcpu, memoryGb, vcpuHour, gbHour).orElse(FargateSize.largest());
    }

    ServiceSize likeForLike(Formation f, Autoscaling auto) {
        DynoSize dyno = f.size();
        FargateSize size = fit(dyno.vcpu(), dyno.memoryGb());
        boolean fits =
                size.vcpu().compareTo(dyno.vcpu()) >= 0 && size.memoryGb().compareTo(dyno.memoryGb()) >= 0;
        int min = auto == null ? f.quantity() : Math.min(auto.minQuantity(), f.quantity());
        int max = auto == null ? f.quantity() : Math.max(auto.maxQuantity(), f.quantity());
        String why = dyno.name() + " (" + num(dyno.vcpu()) + " vCPU, " + num(dyno.memoryGb()) + " GB) → " + size
                + (fits
                        ? ", the cheapest Fargate size with at least as much"
                        : ", Fargate's largest task (smaller than the dyno)")
                + "; " + f.quantity() + (f.quantity() == 1 ? " task" : " tasks") + " as on Heroku"
                + (auto == null ? "" : ", autoscaling " + min + "–" + max + " as on Heroku");
        return new ServiceSize(
                f.type(), f.isWeb(), size, f.quantity(), Math.max(1, min), Math.max(1, max), null, f.command(), why);
    }

    ServiceSize rightSized(Formation f, Autoscaling auto, ProcessMetrics m, int windowDays) {
        BigDecimal cores = BigDecimal.valueOf(m.cpuLoadAvgP95());
        BigDecimal memMb = BigDecimal.valueOf(m.memoryMbP95());
        BigDecimal needVcpu = cores.divide(CPU_TARGET, 6, RoundingMode.HALF_UP).max(new BigDecimal("0.25"));
        BigDecimal needGb = memMb.multiply(MEMORY_FACTOR).divide(MB_PER_GB, 6, RoundingMode.HALF_UP);
        FargateSize size = fit(needVcpu, needGb);
        BigDecimal perTaskCores = size.vcpu().multiply(CPU_TARGET);
        int n = f.quantity();
        int floor = f.isWeb() ? Math.min(n, 2) : 1;
        BigDecimal totalCores = cores.multiply(BigDecimal.valueOf(n));
        int byLoad = ceil(totalCores.divide(perTaskCores, 6, RoundingMode.HALF_UP));
        int count = Math.max(floor, byLoad);
        StringBuilder why = new StringBuilder();
        why.append("p95 load ")
                .append(num(cores))
                .append(" cores ÷ ")
                .append(CPU_TARGET_PERCENT)
                .append("% → ≥ ")
                .append(num(needVcpu.setScale(2, RoundingMode.HALF_UP)))
                .append(" vCPU; p95 memory ")
                .append(num(memMb))
                .append(" MB + ")
                .append(MEMORY_HEADROOM_PERCENT)
                .append("% → ≥ ")
                .append(num(needGb.multiply(MB_PER_GB).setScale(0, RoundingMode.HALF_UP)))
                .append(" MB: ")
                .append(size);
        Integer perTargetPerMinute = null;
        Double peak = m.requestsPerSecondPeak();
        if (f.isWeb() && peak != null && peak > 0 && cores.signum() > 0) {
            BigDecimal rps = BigDecimal.valueOf(peak);
            BigDecimal perDyno = rps.divide(BigDecimal.valueOf(n), 6, RoundingMode.HALF_UP);
            BigDecimal perTask = perDyno.divide(cores, 6, RoundingMode.HALF_UP).multiply(perTaskCores);
            perTargetPerMinute = perTask.multiply(BigDecimal.valueOf(60))
                    .setScale(0, RoundingMode.FLOOR)
                    .intValue();
            why.append("; peak ")
                    .append(num(rps))
                    .append(" req/s ÷ ")
                    .append(num(perTask.setScale(1, RoundingMode.HALF_UP)))
                    .append(" req/s per task (")
                    .append(num(perDyno.setScale(1, RoundingMode.HALF_UP)))
                    .append(" req/s per dyno at ")
                    .append(num(cores))
                    .append(" cores, at ")
                    .append(CPU_TARGET_PERCENT)
                    .append("% of ")
                    .append(num(size.vcpu()))
                    .append(" vCPU) = ")
                    .append(num(rps.divide(perTask, 2, RoundingMode.HALF_UP)))
                    .append(" → ")
                    .append(count)
                    .append(count == 1 ? " task" : " tasks");
        } else {
            why.append("; ")
                    .append(n)
                    .append(" × ")
                    .append(num(cores))
                    .append(" cores ÷ ")
                    .append(num(perTaskCores))
                    .append(" cores per task (")
                    .append(CPU_TARGET_PERCENT)
                    .append("% of ")
                    .append(num(size.vcpu()))
                    .append(" vCPU) → ")
                    .append(count)
                    .append(count == 1 ? " task" : " tasks");
        }
        if (count == floor && byLoad < floor) {
            why.append(" (at least ").append(floor).append(", one per availability zone)");
        }
        int max;
        if (auto != null) {
            BigDecimal atMax = cores.multiply(BigDecimal.valueOf(auto.maxQuantity()));
            max = Math.max(count, ceil(atMax.divide(perTaskCores, 6, RoundingMode.HALF_UP)));
            why.append("; autoscaling ")
                    .append(count)
                    .append("–")
                    .append(max)
                    .append(" carries Heroku's ")
                    .append(auto.maxQuantity())
                    .append(" dynos at ")
                    .append(num(cores))
                    .append(" cores each");
        } else {
            max = count * 2;
            why.append("; autoscaling ").append(count).append("–").append(max).append(" (room to double)");
        }
        if (windowDays > 0) {
            why.append("; metrics over ").append(windowDays).append(windowDays == 1 ? " day" : " days");
        }
        return new ServiceSize(
                f.type(), f.isWeb(), size, count, count, max, perTargetPerMinute, f.command(), why.toString());
    }

    DatabaseSize database(HerokuApp app, Addon a) {
        DataPlans.PostgresPlan plan = DataPlans.postgres(a.tier())
                .orElseThrow(() -> LiftoffException.usage(app.directory().resolve("addons.json") + ": add-on '"
                        + a.name() + "' has plan '" + a.plan()
                        + "', a Heroku Postgres plan liftoff does not know the size of; "
                        + "use the nearest known plan name (essential-0..2, standard-0..6, premium-0..6)"));
        long needConnections = plan.connections();
        DbClass chosen = DB_CLASSES.stream()
                .filter(c -> c.memoryGib >= plan.ramGb() && maxConnections(c.memoryGib) >= needConnections)
                .findFirst()
                .orElseThrow(() -> LiftoffException.usage("no RDS class liftoff knows is large enough for " + a.plan()
                        + " (" + plan.ramGb() + " GB RAM)"));
        int storage = Math.max(20, plan.storageGb());
        String why = a.plan() + " ("
                + (plan.ramGb() == 0 ? "shared memory" : plan.ramGb() + " GB RAM")
                + ", " + plan.connections() + " connections, " + plan.storageGb() + " GB) → " + chosen.name
                + " (" + chosen.memoryGib + " GiB, default max_connections "
                + maxConnections(chosen.memoryGib) + "), " + storage + " GB gp3"
                + (storage > plan.storageGb() ? " (RDS's minimum)" : " (the plan's limit)")
                + (plan.highAvailability() ? ", Multi-AZ like the plan's standby" : ", Single-AZ like the plan");
        return new DatabaseSize(a.name(), a.plan(), chosen.name, storage, plan.highAvailability(), a.configVars(), why);
    }

    private static long maxConnections(int memoryGib) {
        return Math.min(5000, memoryGib * 1024L * 1024 * 1024 / BYTES_PER_CONNECTION);
    }

    CacheSize cache(HerokuApp app, Addon a) {
        DataPlans.RedisPlan plan = DataPlans.redis(a.tier())
                .orElseThrow(() -> LiftoffException.usage(app.directory().resolve("addons.json") + ": add-on '"
                        + a.name() + "' has plan '" + a.plan()
                        + "', a Heroku Key-Value Store plan liftoff does not know the size of; "
                        + "use the nearest known plan name (mini, premium-0..9)"));
        CacheNode node = CACHE_NODES.stream()
                .filter(c -> c.memoryMib >= plan.memoryMb())
                .findFirst()
                .orElseThrow(() -> LiftoffException.usage("no ElastiCache node liftoff knows is large enough for "
                        + a.plan() + " (" + plan.memoryMb() + " MB)"));
        int nodes = plan.highAvailability() ? 2 : 1;
        String why = a.plan() + " (" + plan.memoryMb() + " MB" + (plan.highAvailability() ? ", with a replica" : "")
                + ") → " + nodes + " × " + node.name + " (" + node.memoryMib + " MiB), Valkey like Heroku's "
                + "Key-Value Store" + (nodes == 2 ? ", primary and replica in two AZs" : "");
        return new CacheSize(a.name(), a.plan(), "valkey", node.name, nodes, a.configVars(), why);
    }

    private static int ceil(BigDecimal x) {
        return x.setScale(0, RoundingMode.CEILING).intValueExact();
    }

    static String num(BigDecimal x) {
        return x.stripTrailingZeros().toPlainString();
    }
}
