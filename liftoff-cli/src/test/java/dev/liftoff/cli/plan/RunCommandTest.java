package dev.liftoff.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command's shell: bad input and help. Running tasks is OneOffTaskIT's (moto). */
class RunCommandTest {
    @Test
    void withoutACommandItShowsTheFormWithExitTwo() {
        Cli.Run r = Cli.run("run", "--cluster", "c", "--task-definition", "t", "--region", "us-east-1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no command: put it after '--'");
    }

    @Test
    void refusesAnUnknownLaunchTypeAndRegion() {
        Cli.Run r = Cli.run("run", "--cluster", "c", "--task-definition", "t", "--launch-type", "LAMBDA", "--", "x");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--launch-type LAMBDA: use FARGATE or EC2");
        r = Cli.run("run", "--cluster", "c", "--task-definition", "t", "--region", "mars-1", "--", "x");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--region mars-1: not an AWS region");
    }

    @Test
    void anAwsFailureIsExitThree() {
        // no credentials here (the chain's error), or, where the chain finds some, nothing listening on port 9
        Cli.Run r = Cli.run(
                "run",
                "--cluster",
                "c",
                "--task-definition",
                "t",
                "--region",
                "us-east-1",
                "--endpoint-url",
                "http://127.0.0.1:9",
                "--",
                "bin/rails",
                "db:migrate");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("liftoff run: ECS DescribeTaskDefinition t");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void showsExamplesInHelp() {
        Cli.Run r = Cli.run("run", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Examples:", "-- bin/rails db:migrate", "--subnets", "exit code");
    }
}
