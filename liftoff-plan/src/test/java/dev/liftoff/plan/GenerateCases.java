package dev.liftoff.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.liftoff.core.report.Json;
import dev.liftoff.plan.sizing.Arch;
import dev.liftoff.plan.sizing.Network;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The apps {@code liftoff generate} is tested on: the sample export (Rails), the seed (an npm workspace monorepo),
 * and one per other stack under {@code src/test/resources/stacks/<case>/} (an export and its repo). Each generates
 * into {@code <dir>/repo/deploy}; golden copies of the whole output are in {@code src/test/resources/golden/<case>/}.
 * After an intended change, rewrite them and review the diff:
 *
 * <pre>
 * ./mvnw -B -pl liftoff-plan test -Dtest=GeneratorTest -Dgolden.update=true
 * </pre>
 */
public final class GenerateCases {
    /** Every case, in a fixed order. */
    public static final List<String> ALL = List.of("sample", "seed", "node-pnpm", "java-maven", "python-poetry", "go");

    static final boolean UPDATE = Boolean.getBoolean("golden.update") || Boolean.getBoolean("liftoff.golden.update");

    private GenerateCases() {}

    /** Copies the case's export and repo under {@code dir} and generates into {@code dir/repo/deploy}. */
    public static GenerateResult generate(String name, Path dir) {
        Path export = Fixtures.copy(exportOf(name), dir.resolve("export"));
        Path repo = Fixtures.copy(repoOf(name), dir.resolve("repo"));
        Path out = repo.resolve("deploy");
        GenerateConfig config =
                switch (name) {
                    case "sample" -> new GenerateConfig(export, repo, out, "us-east-1", null, null, null, null, null);
                    case "seed" ->
                        new GenerateConfig(
                                export,
                                repo,
                                out,
                                "us-east-1",
                                "shop.example.com",
                                Arch.ARM,
                                null,
                                Network.PRIVATE,
                                null);
                    case "node-pnpm" ->
                        new GenerateConfig(export, repo, out, "us-east-2", null, null, null, null, null);
                    case "java-maven" ->
                        new GenerateConfig(
                                export, repo, out, "eu-west-1", "ledger.example.com", null, null, null, null);
                    case "python-poetry" ->
                        new GenerateConfig(export, repo, out, "us-west-2", null, Arch.ARM, null, null, null);
                    case "go" ->
                        new GenerateConfig(export, repo, out, "eu-central-1", null, null, null, Network.PRIVATE, null);
                    default -> throw new IllegalArgumentException(name);
                };
        return Generator.generate(config);
    }

    public static Path exportOf(String name) {
        return switch (name) {
            case "sample" -> Fixtures.sampleExport();
            case "seed" -> Fixtures.seedExport();
            default -> Fixtures.resource("stacks/" + name + "/export");
        };
    }

    public static Path repoOf(String name) {
        return switch (name) {
            case "sample" -> Fixtures.resource("heroku-sample/repo");
            case "seed" -> Fixtures.resource("seed/repo");
            default -> Fixtures.resource("stacks/" + name + "/repo");
        };
    }

    /**
     * Every config value of the case's export that must not appear in a generated file, with the parts of URL values
     * (password, host, path) on their own. Left out: values that are ordinary words the files hold for their own
     * reasons (NODE_ENV's "production", WEB_CONCURRENCY's "2", HEROKU_APP_NAME's app name).
     */
    public static List<String> configValues(String name) {
        List<String> values = new ArrayList<>();
        List<String> apps = new ArrayList<>();
        try (Stream<Path> appDirs = Files.list(exportOf(name))) {
            for (Path app : appDirs.sorted().toList()) {
                apps.add(app.getFileName().toString());
                JsonNode config =
                        Json.mapper().readTree(app.resolve("config.json").toFile());
                config.properties().forEach(e -> {
                    String v = e.getValue().asText();
                    values.add(v);
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\w+://([^:@/]*):([^@]*)@([^:/]+)")
                            .matcher(v);
                    if (m.find()) {
                        values.add(m.group(2));
                        values.add(m.group(3));
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values.stream()
                .filter(v -> v.length() >= 6)
                .filter(v -> !List.of("production", "staging", "example", "development")
                        .contains(v))
                .filter(v -> !apps.contains(v))
                .distinct()
                .toList();
    }

    public static List<Path> listFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the whole output equals the golden copy (rewriting the copy first with -Dgolden.update=true). */
    public static void assertGolden(String name, Path out) throws IOException {
        Path golden = Path.of("src/test/resources/golden", name);
        if (UPDATE) {
            if (Files.exists(golden)) {
                try (Stream<Path> old = Files.walk(golden)) {
                    for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Fixtures.copy(out, golden);
        }
        // The source copy, not the classpath one: a file removed from the golden set lingers in target/test-classes.
        Path expected = golden;
        assertThat(listFiles(out)).as("files of " + name).isEqualTo(listFiles(expected));
        for (Path f : listFiles(out)) {
            assertThat(Files.readString(out.resolve(f.toString())))
                    .as("generated %s of %s (rewrite the golden files with -Dgolden.update=true if intended)", f, name)
                    .isEqualTo(Files.readString(expected.resolve(f.toString())));
        }
    }
}
