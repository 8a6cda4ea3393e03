package dev.liftoff.plan.sizing;

import java.util.List;
import java.util.Objects;

/**
 * A Heroku Key-Value Store add-on as an ElastiCache replication group.
 *
 * @param addon the add-on's name
 * @param plan the Heroku plan it replaces
 * @param engine {@code valkey} (what Heroku's Key-Value Store runs now) or {@code redis}
 * @param nodeType the node type ({@code cache.t4g.micro})
 * @param nodes primary plus replicas
 * @param configVars the config vars the add-on set, which the new stack replaces
 * @param rationale how the node was chosen
 */
public record CacheSize(
        String addon,
        String plan,
        String engine,
        String nodeType,
        int nodes,
        List<String> configVars,
        String rationale) {
    public CacheSize {
        Objects.requireNonNull(addon, "addon");
        Objects.requireNonNull(nodeType, "nodeType");
        if (nodes < 1) {
            throw new IllegalArgumentException("a cache needs a node");
        }
        configVars = List.copyOf(configVars);
    }
}
