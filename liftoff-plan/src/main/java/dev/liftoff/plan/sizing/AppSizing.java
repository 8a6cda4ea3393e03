package dev.liftoff.plan.sizing;

import java.util.List;
import java.util.Objects;

/**
 * One Heroku app as an AWS stack, in one sizing option: what {@code liftoff generate} writes and what the estimate
 * prices.
 *
 * @param app the Heroku app
 * @param environment {@code production} or {@code staging}
 * @param option {@code like-for-like} or {@code right-sized}
 * @param services one ECS service per running process type
 * @param databases one RDS instance per Postgres add-on
 * @param caches one ElastiCache group per Key-Value Store add-on
 * @param notes what the sizing assumed, in sentences
 */
public record AppSizing(
        String app,
        String environment,
        String option,
        List<ServiceSize> services,
        List<DatabaseSize> databases,
        List<CacheSize> caches,
        List<String> notes) {
    public AppSizing {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(option, "option");
        services = List.copyOf(services);
        databases = List.copyOf(databases);
        caches = List.copyOf(caches);
        notes = List.copyOf(notes);
    }

    /** Whether the app has a web service, hence a load balancer. */
    public boolean hasWeb() {
        return services.stream().anyMatch(ServiceSize::web);
    }

    public int steadyTasks() {
        return services.stream().mapToInt(ServiceSize::count).sum();
    }
}
