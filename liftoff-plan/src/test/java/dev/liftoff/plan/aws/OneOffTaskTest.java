package dev.liftoff.plan.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.LiftoffException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Task;

/** How a stopped task's description becomes the exit code: the cases moto cannot produce (it always exits 0). */
class OneOffTaskTest {
    static final String ARN = "arn:aws:ecs:us-east-1:123456789012:task/acme/0123456789abcdef";

    @Test
    void takesTheExitCodeOfTheContainerThatRanTheCommand() {
        Task task = Task.builder()
                .taskArn(ARN)
                .lastStatus("STOPPED")
                .stoppedReason("Essential container in task exited")
                .containers(
                        Container.builder().name("sidecar").exitCode(0).build(),
                        Container.builder().name("release").exitCode(3).build())
                .build();

        OneOffTask.Result r = OneOffTask.result(task, "release", null, 0);

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stoppedReason()).isEqualTo("Essential container in task exited");
    }

    @Test
    void aContainerThatNeverRanHasNoExitCodeButItsReason() {
        Task task = Task.builder()
                .taskArn(ARN)
                .lastStatus("STOPPED")
                .stoppedReason("CannotPullContainerError: pull image manifest has been retried 1 time(s)")
                .containers(Container.builder()
                        .name("release")
                        .reason("CannotPullContainerError: ref not found")
                        .build())
                .build();

        OneOffTask.Result r = OneOffTask.result(task, "release", null, 0);

        assertThat(r.exitCode()).isNull();
        assertThat(r.containerReason()).startsWith("CannotPullContainerError");
    }

    @Test
    void refusesAnEmptyCommandWithTheFormToUse() {
        assertThatThrownBy(() -> new OneOffTask.Config(
                        "c",
                        "t",
                        List.of(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        AwsTarget.standard("us-east-1", null),
                        null,
                        null))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("after '--'");
    }
}
