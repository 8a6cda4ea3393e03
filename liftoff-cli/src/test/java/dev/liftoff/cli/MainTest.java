package dev.liftoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
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

    @Test
    void printsHelpWithExitCodes() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: liftoff").contains("Exit codes");
    }

    @Test
    void answersAnUnknownOptionWithOneLineAndExit2() {
        Run r = run("--bogus");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("Unknown option: '--bogus'").contains("see 'liftoff --help'");
    }

    @Test
    void asksForACommandWhenAGroupIsRunAlone() {
        Run r = run("pg");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("liftoff pg: missing command; see 'liftoff pg --help'" + System.lineSeparator());
    }

    @Test
    void printsTheVersion() {
        Run r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("liftoff ");
    }
}
