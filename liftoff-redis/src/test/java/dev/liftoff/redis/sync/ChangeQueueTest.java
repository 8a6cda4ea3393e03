package dev.liftoff.redis.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChangeQueueTest {
    private static byte[] k(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> drain(ChangeQueue q) throws InterruptedException {
        return q.drain(100, 0, TimeUnit.MILLISECONDS).stream()
                .map(c -> c.key() + "/" + c.kind())
                .toList();
    }

    @Test
    void keepsEachKeyOnceInTheOrderItFirstChanged() throws InterruptedException {
        ChangeQueue q = new ChangeQueue();
        q.offer(0, k("a"), ChangeQueue.Kind.CONTENT);
        q.offer(0, k("b"), ChangeQueue.Kind.CONTENT);
        q.offer(0, k("a"), ChangeQueue.Kind.CONTENT);
        q.offer(1, k("a"), ChangeQueue.Kind.CONTENT);
        assertThat(drain(q)).containsExactly("0:a/CONTENT", "0:b/CONTENT", "1:a/CONTENT");
        assertThat(q.size()).isZero();
    }

    @Test
    void upgradesATtlChangeToAContentChange() throws InterruptedException {
        ChangeQueue q = new ChangeQueue();
        q.offer(0, k("a"), ChangeQueue.Kind.TTL);
        q.offer(0, k("a"), ChangeQueue.Kind.CONTENT);
        q.offer(0, k("b"), ChangeQueue.Kind.CONTENT);
        q.offer(0, k("b"), ChangeQueue.Kind.TTL);
        assertThat(drain(q)).containsExactly("0:a/CONTENT", "0:b/CONTENT");
    }

    @Test
    void neverDrainsAcrossAMarker() throws InterruptedException {
        ChangeQueue q = new ChangeQueue();
        q.offer(0, k("a"), ChangeQueue.Kind.CONTENT);
        q.offer(0, k("liftoff:finish:1"), ChangeQueue.Kind.MARKER);
        q.offer(0, k("b"), ChangeQueue.Kind.CONTENT);
        q.offer(0, k("a"), ChangeQueue.Kind.CONTENT);
        assertThat(drain(q)).containsExactly("0:a/CONTENT", "0:liftoff:finish:1/MARKER");
        assertThat(drain(q)).containsExactly("0:b/CONTENT");
    }

    @Test
    void measuresTheAgeOfTheOldestChange() {
        ChangeQueue q = new ChangeQueue();
        assertThat(q.oldestAgeMillis()).isZero();
        q.offer(0, k("a"), ChangeQueue.Kind.CONTENT);
        assertThat(q.oldestAgeMillis()).isGreaterThanOrEqualTo(0);
    }
}
