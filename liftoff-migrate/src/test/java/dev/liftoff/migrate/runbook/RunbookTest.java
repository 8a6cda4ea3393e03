package dev.liftoff.migrate.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.LiftoffException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookTest {
    /** Stands in for SIGKILL: not a RuntimeException, so the runbook cannot journal an end for the phase. */
    static final class Killed extends Error {
        Killed() {
            super("killed");
        }
    }

    /** A phase that records its runs and can be told to die or fail on a given attempt. */
    static class Step implements Phase {
        final String name;
        final List<String> runs;
        int killOnAttempt;
        int failOnAttempt;
        boolean abandon;

        Step(String name, List<String> runs) {
            this.name = name;
            this.runs = runs;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "step " + name;
        }

        @Override
        public PhaseOutcome run(RunContext ctx) {
            runs.add(name + "#" + ctx.attempt());
            ctx.note("working");
            if (ctx.attempt() == killOnAttempt) {
                throw new Killed();
            }
            if (ctx.attempt() == failOnAttempt) {
                throw LiftoffException.environment("target unreachable");
            }
            if (abandon) {
                return PhaseOutcome.abandoned("policy refused", Map.of("lag_ms", 5000));
            }
            return PhaseOutcome.done(name + " ok", Map.of("rows", 10));
        }
    }

    @TempDir
    Path dir;

    final List<String> runs = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    final Step a = new Step("a", runs);
    final Step b = new Step("b", runs);
    final Step c = new Step("c", runs);
    final Runbook runbook = new Runbook(List.of(a, b, c));

    private RunbookResult runOnce() {
        try (Journal journal = Journal.open(dir.resolve("j.jsonl"))) {
            return runbook.run(journal, log::add, Clock.systemUTC());
        }
    }

    @Test
    void runsEveryPhaseInOrderAndJournalsThem() {
        RunbookResult result = runOnce();
        assertThat(runs).containsExactly("a#1", "b#1", "c#1");
        assertThat(result.completed()).isTrue();
        assertThat(result.phase("b").metrics()).containsEntry("rows", 10L);
        assertThat(result.phase("b").notes()).containsExactly("working");
        assertThat(result.phase("b").duration()).isPresent();
    }

    @Test
    void resumesAtThePhaseAKillInterrupted() {
        b.killOnAttempt = 1;
        assertThatThrownBy(this::runOnce).isInstanceOf(Killed.class);
        History afterKill = runbook.history(Journal.read(dir.resolve("j.jsonl")));
        assertThat(afterKill.phase("b").interrupted()).isTrue();

        RunbookResult result = runOnce();
        assertThat(runs).containsExactly("a#1", "b#1", "b#2", "c#1");
        assertThat(result.completed()).isTrue();
        assertThat(result.phase("b").attempts()).isEqualTo(2);
        assertThat(log).anyMatch(l -> l.startsWith("resuming at b, interrupted after starting at"));
    }

    @Test
    void resumesAtAFailedPhaseAndKeepsItsError() {
        c.failOnAttempt = 1;
        assertThatThrownBy(this::runOnce).hasMessage("target unreachable");
        PhaseRecord failed =
                runbook.history(Journal.read(dir.resolve("j.jsonl"))).phase("c");
        assertThat(failed.status()).contains(PhaseStatus.FAILED);
        assertThat(failed.detail()).isEqualTo("target unreachable");

        assertThat(runOnce().completed()).isTrue();
        assertThat(runs).containsExactly("a#1", "b#1", "c#1", "c#2");
    }

    @Test
    void stopsAtAnAbandonedPhaseAndTriesItAgainOnTheNextRun() {
        b.abandon = true;
        RunbookResult first = runOnce();
        assertThat(first.abandonedBy()).contains("b");
        assertThat(first.completed()).isFalse();
        assertThat(first.phase("b").detail()).isEqualTo("policy refused");
        assertThat(runs).containsExactly("a#1", "b#1");

        b.abandon = false;
        assertThat(runOnce().completed()).isTrue();
        assertThat(runs).containsExactly("a#1", "b#1", "b#2", "c#1");
    }

    @Test
    void doesNothingWhenEveryPhaseIsComplete() {
        runOnce();
        RunbookResult again = runOnce();
        assertThat(again.completed()).isTrue();
        assertThat(runs).containsExactly("a#1", "b#1", "c#1");
        assertThat(log).anyMatch(l -> l.startsWith("every phase is complete already"));
    }

    @Test
    void ignoresALineTornByACrashAndCutsItOff() throws IOException {
        b.killOnAttempt = 1;
        assertThatThrownBy(this::runOnce).isInstanceOf(Killed.class);
        Path file = dir.resolve("j.jsonl");
        Files.writeString(file, "{\"at\":\"2026-", StandardOpenOption.APPEND);
        assertThat(Journal.read(file)).isNotEmpty();

        assertThat(runOnce().completed()).isTrue();
        assertThat(Files.readString(file)).doesNotContain("{\"at\":\"2026-\n").endsWith("\n");
        assertThat(runs).containsExactly("a#1", "b#1", "b#2", "c#1");
    }

    @Test
    void refusesASecondRunOnTheSameJournal() {
        try (Journal first = Journal.open(dir.resolve("j.jsonl"))) {
            assertThatThrownBy(() -> Journal.open(dir.resolve("j.jsonl")))
                    .isInstanceOf(LiftoffException.class)
                    .hasMessageContaining("is in use by another liftoff migrate run");
        }
    }

    @Test
    void letsLaterPhasesReadEarlierFiguresAcrossARestart() {
        List<Optional<Map<String, Object>>> seen = new ArrayList<>();
        Phase reader = new Phase() {
            @Override
            public String name() {
                return "reader";
            }

            @Override
            public String description() {
                return "reads a's figures";
            }

            @Override
            public PhaseOutcome run(RunContext ctx) {
                seen.add(ctx.previous("a"));
                if (seen.size() == 1) {
                    throw new Killed();
                }
                return PhaseOutcome.done("read");
            }
        };
        Runbook rb = new Runbook(List.of(a, reader));
        for (int i = 0; i < 2; i++) {
            try (Journal journal = Journal.open(dir.resolve("r.jsonl"))) {
                rb.run(journal, log::add, Clock.systemUTC());
            } catch (Killed expected) {
                // the first run dies inside the reader
            }
        }
        assertThat(seen).hasSize(2).allSatisfy(m -> assertThat(m)
                .hasValueSatisfying(v -> assertThat(v).containsEntry("rows", 10L)));
    }

    @Test
    void masksPasswordsInJournaledErrors() {
        a.failOnAttempt = 1;
        Step leaky = new Step("leaky", runs) {
            @Override
            public PhaseOutcome run(RunContext ctx) {
                throw LiftoffException.environment("cannot reach postgres://u:hunter2@db/app");
            }
        };
        try (Journal journal = Journal.open(dir.resolve("m.jsonl"))) {
            assertThatThrownBy(() -> new Runbook(List.of(leaky)).run(journal, log::add, Clock.systemUTC()));
        }
        assertThat(Journal.read(dir.resolve("m.jsonl")))
                .allSatisfy(e -> assertThat(String.valueOf(e.detail())).doesNotContain("hunter2"));
    }
}
