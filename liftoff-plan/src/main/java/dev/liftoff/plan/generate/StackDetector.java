package dev.liftoff.plan.generate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.report.Json;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Tells an app's stack from its source tree, the way Heroku's buildpacks do: {@code package.json} (Node; the lock
 * file names the tool), {@code pom.xml} or {@code build.gradle[.kts]} (Java), {@code uv.lock}, {@code poetry.lock},
 * {@code requirements.txt} or {@code pyproject.toml} (Python), {@code Gemfile} (Ruby), {@code go.mod} (Go). Reads
 * files only; stateless.
 */
public final class StackDetector {
    private static final String HINT = "; pass --stack node|java|python|ruby|go";

    private StackDetector() {}

    /**
     * The stack of the tree at {@code repo}; with {@code forced} set, that language (its tool still detected).
     *
     * @throws LiftoffException (usage) when no stack can be told, naming the files looked for and {@code --stack}
     */
    public static Stack detect(Path repo, Language forced) {
        if (!Files.isDirectory(repo)) {
            throw LiftoffException.usage("--repo " + repo + ": not a directory; pass the app's source tree");
        }
        if (forced != null) {
            return switch (forced) {
                case NODE -> node(repo);
                case JAVA -> java(repo);
                case PYTHON -> python(repo);
                case RUBY -> ruby(repo);
                case GO -> go(repo);
            };
        }
        List<Language> found = new ArrayList<>();
        if (exists(repo, "package.json")) {
            found.add(Language.NODE);
        }
        if (exists(repo, "pom.xml") || exists(repo, "build.gradle") || exists(repo, "build.gradle.kts")) {
            found.add(Language.JAVA);
        }
        if (exists(repo, "requirements.txt")
                || exists(repo, "pyproject.toml")
                || exists(repo, "uv.lock")
                || exists(repo, "poetry.lock")) {
            found.add(Language.PYTHON);
        }
        if (exists(repo, "Gemfile")) {
            found.add(Language.RUBY);
        }
        if (exists(repo, "go.mod")) {
            found.add(Language.GO);
        }
        if (found.isEmpty()) {
            throw LiftoffException.usage("cannot tell the stack of " + repo + ": none of package.json, pom.xml,"
                    + " build.gradle(.kts), requirements.txt, pyproject.toml, Gemfile or go.mod is there" + HINT);
        }
        // A Rails or Django app with a package.json for its assets is still a Ruby or Python app.
        Language pick = found.size() > 1 && found.contains(Language.NODE) ? found.get(1) : found.get(0);
        if (found.size() > 2 || (found.size() == 2 && !found.contains(Language.NODE))) {
            throw LiftoffException.usage("cannot tell the stack of " + repo + ": it has the files of "
                    + found.stream().map(Language::key).toList()
                    + HINT);
        }
        return detect(repo, pick);
    }

    private static Stack node(Path repo) {
        JsonNode pkg = json(repo, "package.json", Language.NODE);
        String tool;
        List<String> evidence = new ArrayList<>(List.of("package.json"));
        if (exists(repo, "pnpm-lock.yaml")) {
            tool = "pnpm";
            evidence.add("pnpm-lock.yaml");
        } else if (exists(repo, "yarn.lock")) {
            tool = "yarn";
            evidence.add("yarn.lock");
        } else if (exists(repo, "package-lock.json")) {
            tool = "npm";
            evidence.add("package-lock.json");
        } else {
            String pm = pkg.path("packageManager").asText("");
            tool = pm.startsWith("pnpm") ? "pnpm" : pm.startsWith("yarn") ? "yarn" : "npm";
        }
        String version = pkg.path("engines").path("node").asText("");
        if (version.isEmpty()) {
            version = firstLine(repo, ".nvmrc")
                    .orElse(firstLine(repo, ".node-version").orElse(""));
        }
        List<String> patterns = new ArrayList<>();
        JsonNode ws = pkg.path("workspaces");
        JsonNode list = ws.isArray() ? ws : ws.path("packages");
        list.forEach(p -> patterns.add(p.asText()));
        if (patterns.isEmpty() && exists(repo, "pnpm-workspace.yaml")) {
            Matcher m = Pattern.compile("^\\s*-\\s*['\"]?([^'\"#\\s]+)", Pattern.MULTILINE)
                    .matcher(read(repo.resolve("pnpm-workspace.yaml")));
            while (m.find()) {
                patterns.add(m.group(1));
            }
        }
        return new Stack(Language.NODE, tool, version, evidence, workspaceDirs(repo, patterns));
    }

    /** The directories with a package.json that the workspace globs match, sorted. */
    private static List<String> workspaceDirs(Path repo, List<String> patterns) {
        if (patterns.isEmpty()) {
            return List.of();
        }
        List<PathMatcher> matchers = patterns.stream()
                .map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p.replaceAll("/+$", "")))
                .toList();
        try (Stream<Path> files = Files.walk(repo, 4)) {
            return files.filter(f -> f.getFileName().toString().equals("package.json"))
                    .map(f -> repo.relativize(f.getParent()))
                    .filter(d -> !d.toString().isEmpty() && !d.toString().contains("node_modules"))
                    .filter(d -> matchers.stream().anyMatch(m -> m.matches(d)))
                    .map(d -> d.toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw LiftoffException.environment("cannot list " + repo + " (" + e.getMessage() + ")", e);
        }
    }

    private static Stack java(Path repo) {
        if (exists(repo, "pom.xml")) {
            String pom = read(repo.resolve("pom.xml"));
            String version = firstGroup(
                    pom,
                    "<maven\\.compiler\\.release>\\s*(\\d+)",
                    "<java\\.version>\\s*(\\d+)",
                    "<maven\\.compiler\\.source>\\s*(?:1\\.)?(\\d+)",
                    "<release>\\s*(\\d+)");
            version = systemProperties(repo).orElse(version);
            List<String> evidence = new ArrayList<>(List.of("pom.xml"));
            if (exists(repo, "mvnw")) {
                evidence.add("mvnw");
            }
            return new Stack(Language.JAVA, "maven", version, evidence, List.of());
        }
        String file = exists(repo, "build.gradle.kts") ? "build.gradle.kts" : "build.gradle";
        if (!exists(repo, file)) {
            throw LiftoffException.usage("--stack java: " + repo + " has neither pom.xml nor build.gradle(.kts)");
        }
        String build = read(repo.resolve(file));
        String version = firstGroup(
                build,
                "JavaLanguageVersion\\.of\\(\\s*(\\d+)",
                "sourceCompatibility\\s*=\\s*['\"]?(?:JavaVersion\\.VERSION_)?(?:1[._])?(\\d+)");
        version = systemProperties(repo).orElse(version);
        List<String> evidence = new ArrayList<>(List.of(file));
        if (exists(repo, "gradlew")) {
            evidence.add("gradlew");
        }
        return new Stack(Language.JAVA, "gradle", version, evidence, List.of());
    }

    /** Heroku's own way to pick the JDK: {@code java.runtime.version} in {@code system.properties}. */
    private static java.util.Optional<String> systemProperties(Path repo) {
        if (!exists(repo, "system.properties")) {
            return java.util.Optional.empty();
        }
        Matcher m = Pattern.compile("java\\.runtime\\.version\\s*=\\s*(?:1\\.)?(\\d+)")
                .matcher(read(repo.resolve("system.properties")));
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    private static Stack python(Path repo) {
        String tool;
        List<String> evidence = new ArrayList<>();
        if (exists(repo, "uv.lock")) {
            tool = "uv";
            evidence.add("uv.lock");
        } else if (exists(repo, "poetry.lock")) {
            tool = "poetry";
            evidence.add("poetry.lock");
        } else if (exists(repo, "requirements.txt")) {
            tool = "pip";
            evidence.add("requirements.txt");
        } else if (exists(repo, "pyproject.toml")) {
            tool = "pip";
            evidence.add("pyproject.toml");
        } else {
            throw LiftoffException.usage("--stack python: " + repo + " has none of uv.lock, poetry.lock,"
                    + " requirements.txt or pyproject.toml");
        }
        String version = firstLine(repo, ".python-version").orElse("");
        if (version.isEmpty() && exists(repo, "runtime.txt")) {
            version = read(repo.resolve("runtime.txt")).strip().replaceFirst("^python-", "");
        }
        if (version.isEmpty() && exists(repo, "pyproject.toml")) {
            version =
                    firstGroup(read(repo.resolve("pyproject.toml")), "requires-python\\s*=\\s*\"[^\\d]*(\\d+\\.\\d+)");
        }
        return new Stack(Language.PYTHON, tool, version, evidence, List.of());
    }

    private static Stack ruby(Path repo) {
        if (!exists(repo, "Gemfile")) {
            throw LiftoffException.usage("--stack ruby: " + repo + " has no Gemfile");
        }
        String version = firstGroup(read(repo.resolve("Gemfile")), "^\\s*ruby\\s+['\"]([\\d.]+)");
        if (version.isEmpty()) {
            version = firstLine(repo, ".ruby-version").orElse("").replaceFirst("^ruby-", "");
        }
        List<String> evidence = new ArrayList<>(List.of("Gemfile"));
        if (exists(repo, "Gemfile.lock")) {
            evidence.add("Gemfile.lock");
        }
        return new Stack(Language.RUBY, "bundler", version, evidence, List.of());
    }

    private static Stack go(Path repo) {
        if (!exists(repo, "go.mod")) {
            throw LiftoffException.usage("--stack go: " + repo + " has no go.mod");
        }
        String version = firstGroup(read(repo.resolve("go.mod")), "^go\\s+([\\d.]+)");
        return new Stack(Language.GO, "go", version, List.of("go.mod"), List.of());
    }

    private static boolean exists(Path repo, String file) {
        return Files.isRegularFile(repo.resolve(file));
    }

    private static JsonNode json(Path repo, String file, Language language) {
        try {
            return Json.mapper().readTree(repo.resolve(file).toFile());
        } catch (IOException e) {
            throw LiftoffException.usage(repo.resolve(file) + ": not valid JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + "); fix it to build a " + language.key()
                    + " image");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw LiftoffException.environment("cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }

    private static java.util.Optional<String> firstLine(Path repo, String file) {
        if (!exists(repo, file)) {
            return java.util.Optional.empty();
        }
        return read(repo.resolve(file))
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .findFirst();
    }

    private static String firstGroup(String text, String... patterns) {
        for (String p : patterns) {
            Matcher m = Pattern.compile(p, Pattern.MULTILINE).matcher(text);
            if (m.find()) {
                return m.group(1);
            }
        }
        return "";
    }
}
