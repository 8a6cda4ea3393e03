package dev.liftoff.plan.aws;

import dev.liftoff.core.Durations;
import dev.liftoff.core.LiftoffException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * {@code heroku run} on ECS: starts one task from a task definition with the container's command replaced, waits for it
 * to stop while following its CloudWatch log stream (the task definition's {@code awslogs} settings name it), and
 * returns the container's exit code. Blocking; one instance per run.
 *
 * <p>Written against the ECS API rather than {@code aws ecs run-task} plus {@code aws logs tail} because the log
 * stream's name is only known once the task has an id, and the exit code only once it stopped: the CLI would need
 * three commands and a loop.
 */
public final class OneOffTask {
    /**
     * What to run.
     *
     * @param cluster the ECS cluster's name or ARN
     * @param taskDefinition family, family:revision or ARN
     * @param command the command, one argument per element, replacing the container's
     * @param container the container to run it in, or null for the task definition's first essential one
     * @param subnets awsvpc subnets, or empty to reuse those of a service in the cluster on the same task family
     * @param securityGroups awsvpc security groups, or empty likewise
     * @param assignPublicIp whether the task gets a public IPv4 (needed in public subnets without NAT to pull images)
     * @param launchType {@code FARGATE} or {@code EC2}
     * @param target region, endpoint and credentials
     * @param poll how often to ask for the task's state and logs
     * @param timeout how long to wait for the task to stop before giving up (the task keeps running)
     */
    public record Config(
            String cluster,
            String taskDefinition,
            List<String> command,
            String container,
            List<String> subnets,
            List<String> securityGroups,
            Boolean assignPublicIp,
            String launchType,
            AwsTarget target,
            Duration poll,
            Duration timeout) {
        public Config {
            if (cluster == null || cluster.isBlank()) {
                throw LiftoffException.usage("--cluster: give the ECS cluster, such as acme-shop-production");
            }
            if (taskDefinition == null || taskDefinition.isBlank()) {
                throw LiftoffException.usage("--task-definition: give the task family, such as acme-shop-release");
            }
            command = List.copyOf(command == null ? List.of() : command);
            if (command.isEmpty()) {
                throw LiftoffException.usage("no command: put it after '--', as in liftoff run --cluster C"
                        + " --task-definition T -- bin/rails db:migrate");
            }
            subnets = List.copyOf(subnets == null ? List.of() : subnets);
            securityGroups = List.copyOf(securityGroups == null ? List.of() : securityGroups);
            launchType = launchType == null ? "FARGATE" : launchType;
            if (LaunchType.fromValue(launchType) == LaunchType.UNKNOWN_TO_SDK_VERSION) {
                throw LiftoffException.usage("--launch-type " + launchType + ": use FARGATE or EC2");
            }
            Objects.requireNonNull(target, "target");
            poll = poll == null ? Duration.ofSeconds(2) : poll;
            timeout = timeout == null ? Duration.ofHours(6) : timeout;
        }
    }

    /** What the caller hears while the task runs; called on the running thread. */
    public interface Listener {
        /** The task was placed; its log stream, when the task definition has one, is named. */
        default void started(String taskArn, String logGroup, String logStream) {}

        /** The task moved to another state ({@code PROVISIONING}, {@code RUNNING}, ...). */
        default void status(String lastStatus, Duration elapsed) {}

        /** A line the container wrote. */
        default void log(String line) {}
    }

    /**
     * How the task ended.
     *
     * @param exitCode the container's exit code, or null when it never ran (the image could not be pulled, ...)
     * @param stoppedReason ECS's reason ({@code Essential container in task exited}), or empty
     * @param containerReason the container's reason ({@code CannotPullContainerError: ...}), or empty
     */
    public record Result(
            String taskArn,
            String container,
            Integer exitCode,
            String stoppedReason,
            String containerReason,
            String logGroup,
            String logStream,
            long logLines) {}

    private final Config config;
    private final Listener listener;

    private OneOffTask(Config config, Listener listener) {
        this.config = config;
        this.listener = listener;
    }

    public static Result run(Config config, Listener listener) {
        return new OneOffTask(config, listener).run();
    }

    private Result run() {
        Duration apiTimeout = Duration.ofSeconds(60);
        try (EcsClient ecs = config.target().build(EcsClient.builder(), apiTimeout)) {
            TaskDefinition td =
                    call("ECS DescribeTaskDefinition " + config.taskDefinition(), () -> ecs.describeTaskDefinition(
                                    r -> r.taskDefinition(config.taskDefinition()))
                            .taskDefinition());
            ContainerDefinition container = container(td);
            NetworkConfiguration network = network(ecs, td);
            RunTaskResponse run = call(
                    "ECS RunTask " + td.family() + ":" + td.revision() + " on " + config.cluster(),
                    () -> ecs.runTask(r -> r.cluster(config.cluster())
                            .taskDefinition(td.taskDefinitionArn())
                            .count(1)
                            .launchType(config.launchType())
                            .networkConfiguration(network)
                            .startedBy("liftoff-run")
                            .overrides(o -> o.containerOverrides(
                                    c -> c.name(container.name()).command(config.command())))));
            if (!run.failures().isEmpty() || run.tasks().isEmpty()) {
                String why = run.failures().stream()
                        .map(f -> f.reason() + (f.detail() == null ? "" : " (" + f.detail() + ")"))
                        .reduce((a, b) -> a + "; " + b)
                        .orElse("no task started");
                throw LiftoffException.environment("ECS RunTask on " + config.cluster() + " placed no task: " + why);
            }
            String taskArn = run.tasks().get(0).taskArn();
            LogStream stream = LogStream.of(container, taskArn);
            listener.started(taskArn, stream == null ? "" : stream.group, stream == null ? "" : stream.name);
            // awslogs may ship to another region than the cluster's; the task definition says which
            AwsTarget t = config.target();
            String logRegion = stream == null || stream.region == null ? t.region() : stream.region;
            try (CloudWatchLogsClient logs = new AwsTarget(logRegion, t.endpoint(), t.credentials())
                    .build(CloudWatchLogsClient.builder(), apiTimeout)) {
                return follow(ecs, logs, taskArn, container.name(), stream);
            }
        }
    }

    private Result follow(
            EcsClient ecs, CloudWatchLogsClient logs, String taskArn, String containerName, LogStream stream) {
        long start = System.nanoTime();
        String last = "";
        String token = null;
        long lines = 0;
        while (true) {
            Task task = call(
                            "ECS DescribeTasks " + taskArn,
                            () -> ecs.describeTasks(
                                    r -> r.cluster(config.cluster()).tasks(taskArn)))
                    .tasks()
                    .stream()
                    .findFirst()
                    .orElseThrow(() -> LiftoffException.environment(
                            "ECS DescribeTasks: task " + taskArn + " is gone from cluster " + config.cluster()));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (!Objects.equals(task.lastStatus(), last)) {
                last = task.lastStatus();
                listener.status(last, elapsed);
            }
            if (stream != null) {
                Drained d = drain(logs, stream, token);
                token = d.token;
                lines += d.lines;
            }
            if ("STOPPED".equals(task.lastStatus())) {
                if (stream != null) {
                    // CloudWatch can lag the container's last lines by a moment; one more read catches most of them
                    sleep(config.poll());
                    lines += drain(logs, stream, token).lines;
                }
                return result(task, containerName, stream, lines);
            }
            if (elapsed.compareTo(config.timeout()) > 0) {
                throw LiftoffException.environment("task " + taskArn + " still " + last + " after "
                        + Durations.human(config.timeout()) + "; it keeps running: aws ecs stop-task --cluster "
                        + config.cluster() + " --task " + taskArn + " stops it");
            }
            sleep(config.poll());
        }
    }

    /**
     * Stops a task this run started, as {@code heroku run} ends its dyno on Ctrl-C; for a shutdown hook, so it reports
     * nothing and never throws.
     */
    public static boolean stop(Config config, String taskArn) {
        try (EcsClient ecs = config.target().build(EcsClient.builder(), Duration.ofSeconds(10))) {
            ecs.stopTask(r -> r.cluster(config.cluster()).task(taskArn).reason("liftoff run interrupted"));
            return true;
        } catch (SdkException | LiftoffException e) {
            return false;
        }
    }

    /** The exit code and reasons of a stopped task's container. */
    static Result result(Task task, String containerName, LogStream stream, long lines) {
        Container c = task.containers().stream()
                .filter(x -> containerName.equals(x.name()))
                .findFirst()
                .orElse(task.containers().isEmpty() ? null : task.containers().get(0));
        return new Result(
                task.taskArn(),
                containerName,
                c == null ? null : c.exitCode(),
                Objects.requireNonNullElse(task.stoppedReason(), ""),
                c == null ? "" : Objects.requireNonNullElse(c.reason(), ""),
                stream == null ? "" : stream.group,
                stream == null ? "" : stream.name,
                lines);
    }

    private record Drained(String token, long lines) {}

    private Drained drain(CloudWatchLogsClient logs, LogStream stream, String token) {
        long lines = 0;
        String next = token;
        while (true) {
            String from = next;
            GetLogEventsResponse page;
            try {
                page = logs.getLogEvents(r -> r.logGroupName(stream.group)
                        .logStreamName(stream.name)
                        .startFromHead(true)
                        .nextToken(from));
            } catch (software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException e) {
                return new Drained(next, lines); // the stream appears when the container writes its first line
            } catch (SdkException e) {
                throw AwsErrors.of("CloudWatch Logs GetLogEvents " + stream.group + " " + stream.name, e);
            }
            for (OutputLogEvent event : page.events()) {
                listener.log(event.message());
                lines++;
            }
            // the forward token repeats once the stream is read to its end
            if (page.events().isEmpty() || Objects.equals(page.nextForwardToken(), from)) {
                return new Drained(page.nextForwardToken() == null ? from : page.nextForwardToken(), lines);
            }
            next = page.nextForwardToken();
        }
    }

    private ContainerDefinition container(TaskDefinition td) {
        List<ContainerDefinition> defs = td.containerDefinitions();
        if (config.container() != null) {
            return defs.stream()
                    .filter(d -> config.container().equals(d.name()))
                    .findFirst()
                    .orElseThrow(() -> LiftoffException.usage("--container " + config.container() + ": not in task"
                            + " definition " + td.family() + ":" + td.revision() + "; it has "
                            + String.join(
                                    ", ",
                                    defs.stream().map(ContainerDefinition::name).toList())));
        }
        return defs.stream()
                .filter(d -> d.essential() == null || d.essential())
                .findFirst()
                .orElseThrow(() -> LiftoffException.usage("task definition " + td.family() + ":" + td.revision()
                        + " has no essential container; pass --container"));
    }

    /**
     * The awsvpc network: the subnets and security groups given, else those of a service in the cluster running the
     * same task family (the generated stack's web or worker service), so {@code run} needs no network ids.
     */
    private NetworkConfiguration network(EcsClient ecs, TaskDefinition td) {
        if (td.networkMode() != NetworkMode.AWSVPC) {
            return null;
        }
        List<String> subnets = config.subnets();
        List<String> groups = config.securityGroups();
        AssignPublicIp publicIp = null;
        if (subnets.isEmpty()) {
            AwsVpcConfiguration found = serviceNetwork(ecs, td.family());
            if (found == null) {
                throw LiftoffException.usage("task definition " + td.family() + " uses awsvpc networking and no"
                        + " service in cluster " + config.cluster() + " has a network to borrow; pass --subnets"
                        + " (and --security-groups)");
            }
            subnets = found.subnets();
            groups = groups.isEmpty() ? found.securityGroups() : groups;
            publicIp = found.assignPublicIp();
        }
        if (config.assignPublicIp() != null) {
            publicIp = config.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED;
        }
        AwsVpcConfiguration.Builder vpc = AwsVpcConfiguration.builder().subnets(subnets);
        if (!groups.isEmpty()) {
            vpc.securityGroups(groups);
        }
        if (publicIp != null) {
            vpc.assignPublicIp(publicIp);
        }
        return NetworkConfiguration.builder().awsvpcConfiguration(vpc.build()).build();
    }

    private AwsVpcConfiguration serviceNetwork(EcsClient ecs, String family) {
        List<String> arns = new ArrayList<>();
        call("ECS ListServices " + config.cluster(), () -> {
            ecs.listServicesPaginator(r -> r.cluster(config.cluster()))
                    .serviceArns()
                    .forEach(arns::add);
            return null;
        });
        AwsVpcConfiguration any = null;
        for (int i = 0; i < arns.size(); i += 10) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 10));
            List<Service> services = call(
                            "ECS DescribeServices " + config.cluster(),
                            () -> ecs.describeServices(
                                    r -> r.cluster(config.cluster()).services(batch)))
                    .services();
            for (Service s : services) {
                if (s.networkConfiguration() == null || s.networkConfiguration().awsvpcConfiguration() == null) {
                    continue;
                }
                AwsVpcConfiguration vpc = s.networkConfiguration().awsvpcConfiguration();
                // the service on the same family first: its security groups already reach the database
                if (s.taskDefinition() != null && s.taskDefinition().contains(":task-definition/" + family + ":")) {
                    return vpc;
                }
                any = any == null ? vpc : any;
            }
        }
        return any;
    }

    /** The CloudWatch stream awslogs writes a task's container to: {@code prefix/container/task-id}. */
    record LogStream(String group, String name, String region) {
        static LogStream of(ContainerDefinition c, String taskArn) {
            if (c.logConfiguration() == null || c.logConfiguration().logDriver() != LogDriver.AWSLOGS) {
                return null;
            }
            Map<String, String> options = c.logConfiguration().options();
            String group = options.get("awslogs-group");
            String prefix = options.get("awslogs-stream-prefix");
            if (group == null || prefix == null) {
                return null; // without a prefix awslogs names streams by container id, which the API never tells
            }
            String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
            return new LogStream(group, prefix + "/" + c.name() + "/" + taskId, options.get("awslogs-region"));
        }
    }

    private static <T> T call(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (software.amazon.awssdk.services.ecs.model.ClusterNotFoundException e) {
            throw LiftoffException.usage(what + ": no such cluster; check --cluster and --region");
        } catch (software.amazon.awssdk.services.ecs.model.ClientException e) {
            throw LiftoffException.usage(what + ": " + e.awsErrorDetails().errorMessage());
        } catch (SdkException e) {
            throw AwsErrors.of(what, e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LiftoffException.environment("interrupted while waiting for the task", e);
        }
    }
}
