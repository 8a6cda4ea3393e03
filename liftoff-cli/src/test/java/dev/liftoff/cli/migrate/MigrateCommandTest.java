package dev.liftoff.cli.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liftoff.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateCommandTest {
    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @TempDir
    Path dir;

    Path yaml;

    @BeforeEach
    void writeConfig() throws IOException {
        Files.writeString(dir.resolve("token"), "0123456789abcdef0123\n");
        yaml = dir.resolve("liftoff.yaml");
        // variable names no test environment sets, so that preflight reports them
        Files.writeString(yaml, """
                source:
                  postgres: ${env:LIFTOFF_TEST_UNSET_OLD_DB}
                target:
                  postgres: ${env:LIFTOFF_TEST_UNSET_NEW_DB}
                gateway:
                  admin: http://127.0.0.1:1
                  token_file: token
                  new_upstream: http://127.0.0.1:1
                """);
    }

    @Test
    void planListsTheStepsAndEveryBlockerAndExits1() {
        Run r = run("migrate", "plan", yaml.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains("preflight")
                .contains("liftoff.yaml:2: source.postgres: environment variable LIFTOFF_TEST_UNSET_OLD_DB is not set")
                .contains("gateway admin");
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("liftoff migrate plan: preflight found 3 blockers");
        assertThat(dir.resolve("liftoff.journal.jsonl")).doesNotExist();
    }

    @Test
    void planWritesItsFindingsAsJson() throws IOException {
        Path json = dir.resolve("plan.json");
        run("migrate", "plan", yaml.toString(), "--json", json.toString());
        assertThat(Files.readString(json)).contains("\"steps\"").contains("\"severity\" : \"BLOCKER\"");
    }

    @Test
    void refusesALiteralPasswordInTheFileWithExit2AndWithoutEchoingIt() throws IOException {
        Files.writeString(
                yaml, Files.readString(yaml).replace("${env:LIFTOFF_TEST_UNSET_NEW_DB}", "postgres://a:hunter2@db/x"));
        Run r = run("migrate", "plan", yaml.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("liftoff.yaml:4: target.postgres:").doesNotContain("hunter2");
    }

    @Test
    void runStopsAtABlockingPreflightJournalsItAndWritesTheReport() throws IOException {
        Run r = run("migrate", "run", yaml.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("liftoff migrate run: preflight found 3 blockers");
        assertThat(Files.readString(dir.resolve("liftoff.journal.jsonl")))
                .contains("\"phase\":\"preflight\",\"status\":\"FAILED\"");
        assertThat(Files.readString(dir.resolve("liftoff.report.json"))).contains("\"outcome\" : \"failed\"");
        assertThat(dir.resolve("liftoff.report.html")).exists();

        Run status = run("migrate", "status", yaml.toString());
        assertThat(status.out()).contains("migration failed at preflight: preflight found 3 blockers");
    }

    @Test
    void statusShowsTheJournalOfAnInterruptedRun() throws IOException {
        Files.writeString(
                dir.resolve("liftoff.journal.jsonl"),
                "{\"at\":\"2026-11-23T20:00:00Z\",\"event\":\"phase_started\",\"phase\":\"preflight\"}\n");
        Run r = run("migrate", "status", yaml.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .containsPattern("preflight +interrupted")
                .contains("migration interrupted in preflight")
                .contains("liftoff.journal.jsonl");
    }

    @Test
    void statusPrintsJsonOnStandardOutput() {
        Run r = run("migrate", "status", yaml.toString(), "--json", "-");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .startsWith("{")
                .contains("\"outcome\" : \"not_started\"")
                .contains("\"syncs\"");
    }

    @Test
    void aMissingFileIsOneLineNamingItWithExit2() {
        Path missing = dir.resolve("nowhere.yaml");
        Run r = run("migrate", "run", missing.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("nowhere.yaml: no such file").doesNotContain("Exception");
    }

    @Test
    void anUnknownKeyIsOneLineNamingTheFileAndTheKey() throws IOException {
        Files.writeString(yaml, Files.readString(yaml) + "cutover:\n  max_freeze: 5s\n");
        Run r = run("migrate", "plan", yaml.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("liftoff.yaml:").contains("max_freeze").doesNotContain("Exception");
    }

    @Test
    void demoRefusesABadRateWithExit2BeforeStartingAnything() {
        Run r = run("demo", "--rate", "0/s");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--rate");
    }

    @Test
    void helpShowsTheFileFormatAndExamples() {
        Run r = run("migrate", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("${env:HEROKU_DATABASE_URL}").contains("liftoff migrate plan");
    }
}
