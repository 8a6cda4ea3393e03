package dev.liftoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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

    @Test
    void everyCommandHasCleanHelpWithWholeSentenceSummaries() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.commandLine(System.out, System.err), new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(30);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Run r = run(args.toArray(String[]::new));
            assertThat(r.exit()).as("exit of %s --help", path).isZero();
            // picocli prints its format warnings (an unescaped % in a description) to standard error.
            assertThat(r.err()).as("standard error of %s --help", path).isEmpty();
            boolean inList = false;
            for (String line : r.out().lines().toList()) {
                if (line.equals("Commands:")) {
                    inList = true;
                } else if (inList && line.isBlank()) {
                    inList = false;
                } else if (inList && line.startsWith("  ") && !line.startsWith("   ")) {
                    assertThat(line.strip()).as("summary in %s --help", path).doesNotEndWith(",");
                }
            }
        }
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, paths);
            }
        });
    }
}
