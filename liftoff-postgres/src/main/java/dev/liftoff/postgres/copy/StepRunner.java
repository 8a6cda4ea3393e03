package dev.liftoff.postgres.copy;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.postgres.schema.PostDataStep;
import java.sql.Connection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;

/**
 * Runs the post-data phases after the rows: each phase's steps in parallel on up to {@code jobs} target sessions, or
 * in pg_dump's order on one session for the phases whose order matters. A phase starts when the one before it is
 * done; the first failure stops the phase and is rethrown.
 */
final class StepRunner {
    private final PostgresUrl target;
    private final List<String> preamble;
    private final int jobs;
    private final long indexMemoryKb;
    private final CopyProgress progress;

    StepRunner(PostgresUrl target, List<String> preamble, int jobs, long indexMemoryKb, CopyProgress progress) {
        this.target = target;
        this.preamble = preamble;
        this.jobs = jobs;
        this.indexMemoryKb = indexMemoryKb;
        this.progress = progress;
    }

    void run(List<PostDataStep> steps) {
        TreeMap<Integer, List<PostDataStep>> byPhase = new TreeMap<>();
        for (PostDataStep s : steps) {
            byPhase.computeIfAbsent(s.phase(), k -> new ArrayList<>()).add(s);
        }
        byPhase.forEach((phase, list) -> runPhase(list, PostDataStep.parallel(phase) ? jobs : 1));
    }

    private void runPhase(List<PostDataStep> steps, int sessions) {
        Deque<PostDataStep> queue = new ArrayDeque<>(steps);
        Throwable[] failure = {null};
        Runnable worker = () -> {
            Connection c = null;
            try {
                c = Sessions.target(target, preamble, jobs, indexMemoryKb);
                while (true) {
                    PostDataStep s;
                    synchronized (queue) {
                        if (failure[0] != null || queue.isEmpty()) {
                            return;
                        }
                        s = queue.poll();
                    }
                    Sessions.runStep(c, s, target);
                    progress.stepsDone.incrementAndGet();
                }
            } catch (Throwable e) {
                synchronized (queue) {
                    if (failure[0] == null) {
                        failure[0] = e;
                    }
                }
            } finally {
                Sessions.close(c);
            }
        };
        int n = Math.max(1, Math.min(sessions, steps.size()));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            threads.add(Thread.ofPlatform().name("liftoff-post-data-" + (i + 1)).start(worker));
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LiftoffException.environment("interrupted while creating indexes and constraints", e);
        }
        if (failure[0] instanceof LiftoffException le) {
            throw le;
        }
        if (failure[0] != null) {
            throw new IllegalStateException("post-data worker failed: " + failure[0], failure[0]);
        }
    }
}
