package dev.liftoff.cli.plan;

import dev.liftoff.cli.common.Streams;
import dev.liftoff.core.Durations;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.plan.aws.AwsTarget;
import dev.liftoff.plan.aws.OneOffTask;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code liftoff run}: a thin shell over {@link OneOffTask}. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run a one-off command as an ECS task, as 'heroku run' did.",
            "",
            "Starts one task from the task definition with its container's command replaced",
            "by COMMAND, waits until it stops while printing its CloudWatch log stream (the",
            "task definition's awslogs settings name it), and exits with the container's exit",
            "code; Ctrl-C stops the task. awsvpc tasks reuse the subnets and security groups",
            "of a service in the cluster (the one on the same task family first) unless",
            "--subnets is given.",
            "Credentials and region come from the AWS SDK's standard chain unless given.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  liftoff run --cluster acme-shop-production --task-definition acme-shop-release \\",
            "      -- bin/rails db:migrate",
            "  liftoff run --cluster acme-shop-staging --task-definition acme-shop-web \\",
            "      --subnets subnet-0a1b,subnet-2c3d --security-groups sg-0e4f -- node scripts/backfill.js",
            "",
            "Exit codes: the command's own exit code once the task stopped; 1 the task stopped",
            "before the command ran (its reason is printed); 2 bad usage; 3 AWS refused, or the",
            "task was still running at --timeout (it keeps running; the stop command is printed)."
        })
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cluster", required = true, paramLabel = "CLUSTER", description = "The ECS cluster.")
    String cluster;

    @Option(
            names = "--task-definition",
            required = true,
            paramLabel = "FAMILY[:REV]",
            description = "The task definition: family (latest active revision), family:revision or ARN.")
    String taskDefinition;

    @Option(
            names = "--container",
            paramLabel = "NAME",
            description = "The container to run COMMAND in (default: the first essential one).")
    String container;

    @Option(
            names = "--subnets",
            split = ",",
            paramLabel = "ID",
            description = "awsvpc subnets (default: those of a service in the cluster).")
    List<String> subnets = new ArrayList<>();

    @Option(
            names = "--security-groups",
            split = ",",
            paramLabel = "ID",
            description = "awsvpc security groups (default: those of a service in the cluster).")
    List<String> securityGroups = new ArrayList<>();

    @Option(
            names = "--assign-public-ip",
            negatable = true,
            description = "Give the task a public IPv4 (needed in public subnets without NAT to pull the image;"
                    + " default: as the borrowed service does).")
    Boolean assignPublicIp;

    @Option(
            names = "--launch-type",
            paramLabel = "FARGATE|EC2",
            description = "The launch type (default: ${DEFAULT-VALUE}).")
    String launchType = "FARGATE";

    @Option(names = "--region", paramLabel = "REGION", description = "The AWS region (default: the SDK's chain).")
    String region;

    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            description = "Call this endpoint instead of AWS's (an emulator, a VPC endpoint).")
    URI endpoint;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "Give up waiting after this long (default: ${DEFAULT-VALUE}); the task keeps running.")
    String timeout = "6h";

    // how often to ask ECS and CloudWatch; tests against an emulator shorten it
    @Option(names = "--poll-interval", hidden = true, paramLabel = "DURATION")
    String poll = "2s";

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command and its arguments, after '--'.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        PrintStream out = Streams.of(spec.commandLine().getOut());
        PrintStream err = Streams.of(spec.commandLine().getErr());
        OneOffTask.Config config = new OneOffTask.Config(
                cluster,
                taskDefinition,
                command,
                container,
                subnets,
                securityGroups,
                assignPublicIp,
                launchType,
                AwsTarget.standard(region, endpoint),
                Durations.parse(poll, "--poll-interval"),
                Durations.parse(timeout, "--timeout"));
        // Ctrl-C stops the task too, as it ended heroku run's dyno; removed once the task stopped by itself
        java.util.concurrent.atomic.AtomicReference<Thread> hook = new java.util.concurrent.atomic.AtomicReference<>();
        OneOffTask.Result r;
        try {
            r = run(config, out, err, hook);
        } finally {
            Thread h = hook.get();
            if (h != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(h);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it stops the task
                }
            }
        }
        out.flush();
        if (r.exitCode() == null) {
            String why = r.containerReason().isEmpty() ? r.stoppedReason() : r.containerReason();
            throw LiftoffException.checkFailed("task " + r.taskArn() + " stopped before " + r.container()
                    + " ran the command: " + (why.isEmpty() ? "ECS gave no reason" : why));
        }
        err.println(r.container() + " exited with " + r.exitCode());
        err.flush();
        return r.exitCode();
    }

    private static OneOffTask.Result run(
            OneOffTask.Config config,
            PrintStream out,
            PrintStream err,
            java.util.concurrent.atomic.AtomicReference<Thread> hook) {
        return OneOffTask.run(config, new OneOffTask.Listener() {
            @Override
            public void started(String taskArn, String logGroup, String logStream) {
                Thread h = new Thread(
                        () -> {
                            if (OneOffTask.stop(config, taskArn)) {
                                err.println("stopped " + taskArn);
                                err.flush();
                            }
                        },
                        "liftoff-run-stop");
                Runtime.getRuntime().addShutdownHook(h);
                hook.set(h);
                err.println("started " + taskArn
                        + (logStream.isEmpty()
                                ? " (its container has no awslogs stream prefix: no logs to follow)"
                                : "; logs: " + logGroup + " " + logStream));
            }

            @Override
            public void status(String lastStatus, Duration elapsed) {
                err.println(lastStatus + " after " + Durations.human(elapsed));
            }

            @Override
            public void log(String line) {
                out.println(line);
            }
        });
    }
}
