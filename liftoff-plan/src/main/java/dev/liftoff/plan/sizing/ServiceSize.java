package dev.liftoff.plan.sizing;

import java.util.Objects;

/**
 * One Heroku process type as an ECS service.
 *
 * @param process the Procfile process type
 * @param web whether it serves HTTP behind the load balancer
 * @param size the task size
 * @param count tasks in steady state, the number priced
 * @param minCount the autoscaling minimum
 * @param maxCount the autoscaling maximum
 * @param requestsPerTargetPerMinute the request rate one task handles at the CPU target, for ALB request-count
 *     scaling, or null when the export has no request rate
 * @param command the command the tasks run
 * @param rationale how the size and counts were chosen
 */
public record ServiceSize(
        String process,
        boolean web,
        FargateSize size,
        int count,
        int minCount,
        int maxCount,
        Integer requestsPerTargetPerMinute,
        String command,
        String rationale) {
    public ServiceSize {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(size, "size");
        if (count < 1 || minCount < 1 || maxCount < minCount || count < minCount || count > maxCount) {
            throw new IllegalArgumentException(process + ": counts must satisfy 1 <= min <= count <= max, got "
                    + minCount + "/" + count + "/" + maxCount);
        }
        command = command == null ? "" : command;
        rationale = rationale == null ? "" : rationale;
    }
}
