package dev.liftoff.plan.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.LiftoffException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * {@code liftoff run} against moto_server's ECS and CloudWatch Logs. What moto does and does not do: it places a
 * Fargate task (creating its network interface in the subnet given), records the command override, and moves the
 * task RUNNING → DEACTIVATING → STOPPING → DEPROVISIONING → STOPPED one step per DescribeTasks; it runs no container,
 * so nothing writes the log stream (the test writes it once the task is placed, as awslogs would) and every container
 * stops with exit code 0. It also insists on container-level memory and on security groups, which AWS does not.
 * Non-zero exits and containers that never ran are covered by {@link OneOffTaskTest} on the
 * SDK's own Task objects.
 */
class OneOffTaskIT {
    static final String LOG_GROUP = "/liftoff/acme-shop";
    static MotoServer moto;
    static EcsClient ecs;
    static CloudWatchLogsClient logs;
    static List<String> subnets;

    @BeforeAll
    static void start() {
        moto = MotoServer.shared();
        ecs = moto.target().build(EcsClient.builder(), Duration.ofSeconds(30));
        logs = moto.target().build(CloudWatchLogsClient.builder(), Duration.ofSeconds(30));
        subnets = moto.defaultSubnets();
        sg = moto.defaultSecurityGroup();
        ecs.createCluster(r -> r.clusterName("acme-shop-production"));
        ecs.createCluster(r -> r.clusterName("acme-shop-staging"));
        logs.createLogGroup(r -> r.logGroupName(LOG_GROUP));
        ecs.registerTaskDefinition(r -> r.family("acme-shop-release")
                .networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE)
                .cpu("256")
                .memory("512")
                .containerDefinitions(c -> c.name("release")
                        .image("123456789012.dkr.ecr.us-east-1.amazonaws.com/acme-shop-web:latest")
                        .essential(true)
                        .memory(512) // moto sums container memory and fails without it; AWS takes the task's
                        .command("bin/rails", "db:migrate")
                        .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS)
                                .options(java.util.Map.of(
                                        "awslogs-group",
                                        LOG_GROUP,
                                        "awslogs-region",
                                        MotoServer.REGION,
                                        "awslogs-stream-prefix",
                                        "release")))));
    }

    @AfterAll
    static void stop() {
        if (ecs != null) {
            ecs.close();
            logs.close();
        }
    }

    /** moto fails RunTask without security groups, where AWS takes the VPC's default: the test names it. */
    static String sg;

    static OneOffTask.Config config(String cluster, List<String> subnets, List<String> command) {
        return new OneOffTask.Config(
                cluster,
                "acme-shop-release",
                command,
                null,
                subnets,
                subnets.isEmpty() ? List.of() : List.of(sg),
                null,
                null,
                moto.target(),
                Duration.ofMillis(50),
                Duration.ofMinutes(1));
    }

    /** Records what the runner reports and, once the task is placed, writes its log stream as awslogs would. */
    static final class Recorder implements OneOffTask.Listener {
        final List<String> statuses = new CopyOnWriteArrayList<>();
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<String> writes;
        String stream;

        Recorder(String... writes) {
            this.writes = List.of(writes);
        }

        @Override
        public void started(String taskArn, String logGroup, String logStream) {
            stream = logStream;
            logs.createLogStream(r -> r.logGroupName(logGroup).logStreamName(logStream));
            List<software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent> events = new ArrayList<>();
            long t = System.currentTimeMillis();
            for (String w : writes) {
                events.add(software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent.builder()
                        .timestamp(t++)
                        .message(w)
                        .build());
            }
            if (!events.isEmpty()) {
                logs.putLogEvents(
                        r -> r.logGroupName(logGroup).logStreamName(logStream).logEvents(events));
            }
        }

        @Override
        public void status(String lastStatus, Duration elapsed) {
            statuses.add(lastStatus);
        }

        @Override
        public void log(String line) {
            lines.add(line);
        }
    }

    @Test
    void runsTheCommandWaitsForStoppedAndStreamsTheLogs() {
        Recorder r = new Recorder("== 20260101 CreateOrders: migrating", "== 20260101 CreateOrders: migrated (0.01s)");

        OneOffTask.Result result = OneOffTask.run(
                config("acme-shop-production", subnets.subList(0, 1), List.of("bin/rails", "db:migrate:status")), r);

        assertThat(result.exitCode()).isZero();
        assertThat(result.container()).isEqualTo("release");
        assertThat(result.logGroup()).isEqualTo(LOG_GROUP);
        String taskId = result.taskArn().substring(result.taskArn().lastIndexOf('/') + 1);
        assertThat(result.logStream()).isEqualTo("release/release/" + taskId).isEqualTo(r.stream);
        assertThat(r.lines)
                .containsExactly("== 20260101 CreateOrders: migrating", "== 20260101 CreateOrders: migrated (0.01s)");
        assertThat(result.logLines()).isEqualTo(2);
        assertThat(r.statuses).last().isEqualTo("STOPPED");
        Task task = ecs.describeTasks(d -> d.cluster("acme-shop-production").tasks(result.taskArn()))
                .tasks()
                .get(0);
        assertThat(task.overrides().containerOverrides().get(0).command())
                .containsExactly("bin/rails", "db:migrate:status");
        assertThat(task.overrides().containerOverrides().get(0).name()).isEqualTo("release");
        assertThat(task.startedBy()).isEqualTo("liftoff-run");
    }

    @Test
    void borrowsTheNetworkOfTheClustersServiceWhenNoSubnetsAreGiven() {
        ecs.createService(s -> s.cluster("acme-shop-staging")
                .serviceName("web")
                .taskDefinition("acme-shop-release")
                .desiredCount(0)
                .launchType("FARGATE")
                .networkConfiguration(n ->
                        n.awsvpcConfiguration(v -> v.subnets(subnets.get(0)).securityGroups(sg))));

        OneOffTask.Result result =
                OneOffTask.run(config("acme-shop-staging", List.of(), List.of("true")), new Recorder());

        assertThat(result.exitCode()).isZero();
        Task task = ecs.describeTasks(d -> d.cluster("acme-shop-staging").tasks(result.taskArn()))
                .tasks()
                .get(0);
        assertThat(task.attachments().get(0).details())
                .anySatisfy(d -> assertThat(d.value()).isEqualTo(subnets.get(0)));
        assertThat(task.overrides().containerOverrides().get(0).command()).containsExactly("true");
    }

    @Test
    void runsATaskDefinitionWithoutAwslogsAndSaysThereIsNoStreamToFollow() {
        ecs.registerTaskDefinition(r -> r.family("plain")
                .networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE)
                .cpu("256")
                .memory("512")
                .containerDefinitions(
                        c -> c.name("sidecar").image("busybox").essential(false).memory(64),
                        c -> c.name("app").image("busybox").essential(true).memory(448)));
        var config = new OneOffTask.Config(
                "acme-shop-production",
                "plain",
                List.of("echo", "hi"),
                null,
                subnets,
                List.of(sg),
                false,
                null,
                moto.target(),
                Duration.ofMillis(50),
                Duration.ofMinutes(1));
        List<String> started = new ArrayList<>();
        OneOffTask.Result result = OneOffTask.run(config, new OneOffTask.Listener() {
            @Override
            public void started(String taskArn, String logGroup, String logStream) {
                started.add(logGroup + "|" + logStream);
            }
        });

        // the first essential container runs the command
        assertThat(result.container()).isEqualTo("app");
        assertThat(started).containsExactly("|");
        assertThat(result.logStream()).isEmpty();
        Task task = ecs.describeTasks(d -> d.cluster("acme-shop-production").tasks(result.taskArn()))
                .tasks()
                .get(0);
        assertThat(task.overrides().containerOverrides().get(0).name()).isEqualTo("app");

        var wrong = new OneOffTask.Config(
                "acme-shop-production",
                "plain",
                List.of("true"),
                "web",
                subnets,
                List.of(sg),
                null,
                null,
                moto.target(),
                Duration.ofMillis(50),
                Duration.ofMinutes(1));
        assertThatThrownBy(() -> OneOffTask.run(wrong, new Recorder()))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("--container web: not in task definition plain:1; it has sidecar, app");
    }

    @Test
    void withoutSubnetsOrAServiceToBorrowFromItAsksForSubnets() {
        ecs.createCluster(r -> r.clusterName("empty"));
        assertThatThrownBy(() -> OneOffTask.run(config("empty", List.of(), List.of("true")), new Recorder()))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("pass --subnets");
    }

    @Test
    void anUnknownClusterOrTaskDefinitionIsNamed() {
        assertThatThrownBy(() -> OneOffTask.run(config("nope", subnets, List.of("true")), new Recorder()))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("nope")
                .hasMessageContaining("no such cluster");
        var missing = new OneOffTask.Config(
                "acme-shop-production",
                "no-such-family",
                List.of("true"),
                null,
                subnets,
                List.of(),
                null,
                null,
                moto.target(),
                Duration.ofMillis(50),
                Duration.ofMinutes(1));
        assertThatThrownBy(() -> OneOffTask.run(missing, new Recorder()))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("no-such-family");
    }
}
