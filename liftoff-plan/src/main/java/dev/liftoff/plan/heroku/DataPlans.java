package dev.liftoff.plan.heroku;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The sizes of Heroku Postgres and Key-Value Store (Redis) plans, from Heroku's plan pages: what an RDS instance or an
 * ElastiCache node must at least match. Premium, Private and Shield plans have a standby (high availability).
 */
public final class DataPlans {
    /**
     * A Heroku Postgres plan's limits.
     *
     * @param ramGb dedicated memory, or 0 for the shared Essential plans
     * @param storageGb the plan's storage limit
     * @param connections the plan's connection limit
     * @param highAvailability whether the plan keeps a standby
     */
    public record PostgresPlan(String tier, int ramGb, int storageGb, int connections, boolean highAvailability) {}

    /**
     * A Heroku Key-Value Store plan's limits.
     *
     * @param memoryMb the plan's memory
     * @param highAvailability whether the plan keeps a replica
     */
    public record RedisPlan(String tier, int memoryMb, boolean highAvailability) {}

    private static final Map<String, int[]> POSTGRES = Map.ofEntries(
            Map.entry("mini", new int[] {0, 1, 20}),
            Map.entry("basic", new int[] {0, 10, 20}),
            Map.entry("essential-0", new int[] {0, 1, 20}),
            Map.entry("essential-1", new int[] {0, 10, 20}),
            Map.entry("essential-2", new int[] {0, 32, 40}),
            Map.entry("0", new int[] {4, 64, 120}),
            Map.entry("2", new int[] {8, 256, 400}),
            Map.entry("3", new int[] {15, 512, 500}),
            Map.entry("4", new int[] {30, 768, 500}),
            Map.entry("5", new int[] {61, 1024, 500}),
            Map.entry("6", new int[] {122, 1536, 500}));

    private static final Map<String, Integer> REDIS_MB = Map.ofEntries(
            Map.entry("mini", 25),
            Map.entry("premium-0", 50),
            Map.entry("premium-1", 100),
            Map.entry("premium-2", 250),
            Map.entry("premium-3", 500),
            Map.entry("premium-4", 750),
            Map.entry("premium-5", 1024),
            Map.entry("premium-6", 1792),
            Map.entry("premium-7", 7168),
            Map.entry("premium-8", 13312),
            Map.entry("premium-9", 25600));

    private DataPlans() {}

    /** The limits of a Postgres plan tier ({@code standard-2}, {@code essential-0}), if liftoff knows it. */
    public static Optional<PostgresPlan> postgres(String tier) {
        String t = tier.toLowerCase(Locale.ROOT);
        int[] spec = POSTGRES.get(t);
        boolean ha = false;
        if (spec == null) {
            int dash = t.lastIndexOf('-');
            if (dash > 0) {
                String family = t.substring(0, dash);
                ha = !family.equals("standard");
                if (family.equals("standard")
                        || family.equals("premium")
                        || family.equals("private")
                        || family.equals("shield")) {
                    spec = POSTGRES.get(t.substring(dash + 1));
                }
            }
        }
        return spec == null ? Optional.empty() : Optional.of(new PostgresPlan(tier, spec[0], spec[1], spec[2], ha));
    }

    /** The limits of a Key-Value Store plan tier ({@code premium-3}, {@code mini}), if liftoff knows it. */
    public static Optional<RedisPlan> redis(String tier) {
        String t = tier.toLowerCase(Locale.ROOT);
        String base = t.startsWith("private-") || t.startsWith("shield-")
                ? "premium-" + t.substring(t.lastIndexOf('-') + 1)
                : t;
        Integer mb = REDIS_MB.get(base);
        return mb == null ? Optional.empty() : Optional.of(new RedisPlan(tier, mb, !base.equals("mini")));
    }
}
