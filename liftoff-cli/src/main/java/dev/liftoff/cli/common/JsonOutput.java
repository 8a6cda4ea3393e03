package dev.liftoff.cli.common;

import dev.liftoff.core.report.Json;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --json FILE} option shared by commands that produce a result for scripts. */
public final class JsonOutput {
    @Option(
            names = "--json",
            paramLabel = "FILE",
            description = "Also write the result as JSON to FILE ('-' for standard output).")
    Path file;

    /** Writes the result when {@code --json} was given; {@code -} prints it on standard output. */
    public void write(Object result, java.io.PrintStream out) {
        if (file == null) {
            return;
        }
        if (file.toString().equals("-")) {
            out.println(Json.toJson(result));
        } else {
            Json.write(file, result);
        }
    }

    /** Whether the JSON goes to standard output, so human output should stay off it. */
    public boolean toStdout() {
        return file != null && file.toString().equals("-");
    }

    public boolean requested() {
        return file != null;
    }
}
