package dev.liftoff.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated template of every {@link GenerateCases case} passes the real {@code cfn-lint} with no error. One
 * invocation lints them all: cfn-lint loads its resource specs for seconds before it looks at a file. Warnings
 * (W...) and informational findings (I...) are allowed; errors (E...) fail the test with cfn-lint's own lines.
 */
class GeneratedTemplatesLintIT {
    @TempDir
    Path dir;

    @Test
    void everyTemplatePassesCfnLint() throws IOException, InterruptedException {
        String cfnLint = cfnLint();
        Assumptions.assumeTrue(
                cfnLint != null,
                "cfn-lint is not installed (neither /root/.pyenv/shims/cfn-lint nor on PATH): pip install cfn-lint;"
                        + " CI installs it");
        List<String> command = new ArrayList<>(List.of(cfnLint, "--format", "parseable"));
        for (String name : GenerateCases.ALL) {
            GenerateResult r = GenerateCases.generate(name, dir.resolve(name));
            List<String> templates = r.files().stream()
                    .filter(f -> f.startsWith("cloudformation/") && f.endsWith(".yaml"))
                    .toList();
            assertThat(templates)
                    .as(name)
                    .containsExactly("cloudformation/production.yaml", "cloudformation/staging.yaml");
            templates.forEach(t -> command.add(r.out().resolve(t).toString()));
        }
        Path log = dir.resolve("cfn-lint.txt");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(p.waitFor(170, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        List<String> errors = output.lines()
                .filter(l -> l.matches(".*:[0-9]+:[0-9]+:[0-9]+:[0-9]+:E\\d+:.*"))
                .toList();
        assertThat(errors).as("cfn-lint errors:\n" + output).isEmpty();
        // cfn-lint exits 2 for errors (and 4/8 for warnings/informational only): any bit 2 or a crash fails.
        assertThat(p.exitValue() & ~(4 | 8))
                .as("cfn-lint exit code; output:\n" + output)
                .isZero();
    }

    /** The pyenv shim the dev image has, else the first cfn-lint on PATH, else null. */
    static String cfnLint() {
        Path shim = Path.of("/root/.pyenv/shims/cfn-lint");
        if (Files.isExecutable(shim)) {
            return shim.toString();
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path c = Path.of(d, "cfn-lint");
            if (!d.isEmpty() && Files.isExecutable(c)) {
                return c.toString();
            }
        }
        return null;
    }
}
