package dev.liftoff.cli.gateway;

import dev.liftoff.core.report.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --json [FILE]}: like the shared {@code --json FILE|-}, but a bare {@code --json} means standard output, as
 * the issue's {@code gateway status [--json]} promises scripts.
 */
final class JsonFlag {
    @Option(
            names = "--json",
            arity = "0..1",
            fallbackValue = "-",
            paramLabel = "FILE",
            description = "Also write the result as JSON to FILE; '--json' alone or '--json -' prints only JSON.")
    String file;

    boolean toStdout() {
        return "-".equals(file);
    }

    void write(Object result, PrintStream out) {
        if (file == null) {
            return;
        }
        if (toStdout()) {
            out.println(Json.toJson(result));
        } else {
            Json.write(Path.of(file), result);
        }
    }
}
