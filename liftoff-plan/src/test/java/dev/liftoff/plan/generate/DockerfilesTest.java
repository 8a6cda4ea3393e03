package dev.liftoff.plan.generate;

import static dev.liftoff.plan.Fixtures.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.plan.Fixtures;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each stack's Dockerfile, checked as text (no container engine runs here): the build commands its buildpack would
 * run, exact base image tags, a non-root user, and the Procfile command.
 */
class DockerfilesTest {
    private static final Pattern FROM = Pattern.compile("(?m)^FROM (\\S+)");

    @TempDir
    Path dir;

    private static String web(Path repo) {
        return Dockerfiles.dockerfile(
                Dockerfiles.build(StackDetector.detect(repo, null)), "shop", "web", "run-web --port $PORT", true);
    }

    /** Every FROM is a pinned tag (digits in it, never latest), the runtime stage drops root, the command runs. */
    private static void assertPinnedNonRootWithCommand(String dockerfile) {
        Matcher m = FROM.matcher(dockerfile);
        int images = 0;
        while (m.find()) {
            images++;
            assertThat(m.group(1))
                    .as("base image")
                    .matches("[\\w./-]+:\\d[\\w.-]*")
                    .doesNotContain("latest");
        }
        assertThat(images).isEqualTo(2);
        assertThat(dockerfile).containsPattern("(?m)^USER (node|app)$");
        assertThat(dockerfile.substring(dockerfile.lastIndexOf("\nFROM "))).contains("USER ");
        assertThat(dockerfile).endsWith("CMD [\"/bin/sh\", \"-c\", \"run-web --port $PORT\"]\n");
        assertThat(dockerfile).contains("ENV PORT=8080\nEXPOSE 8080\n");
    }

    @Test
    void nodeWithNpmInstallsFromTheLockBuildsAndPrunes() {
        files(
                dir,
                "package.json",
                "{\"engines\": {\"node\": \"20.x\"}, \"scripts\": {\"build\": \"tsc\"}}",
                "package-lock.json",
                "{}");
        String d = web(dir);
        assertPinnedNonRootWithCommand(d);
        assertThat(d)
                .contains("FROM node:20.18.1-bookworm-slim AS build")
                .contains("COPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n")
                .contains("RUN npm run build --if-present\nRUN npm prune --omit=dev\n")
                .contains("ENV NODE_ENV=production")
                .contains("COPY --from=build --chown=node:node /app /app\nUSER node\n");
    }

    @Test
    void nodeWorkspacesCopyEachManifestBeforeInstalling() {
        String d = web(Fixtures.resource("seed/repo"));
        assertPinnedNonRootWithCommand(d);
        assertThat(d)
                .contains("FROM node:22.12.0-bookworm-slim AS build")
                .contains(
                        "COPY apps/web/package.json apps/web/\nCOPY apps/worker/package.json apps/worker/\nRUN npm ci")
                .contains("RUN npm run build --workspaces --if-present");
    }

    @Test
    void nodeWithPnpmWorkspacesUsesCorepackAndTheFrozenLock() {
        files(
                dir,
                "package.json",
                "{\"name\": \"mono\"}",
                "pnpm-lock.yaml",
                "lockfileVersion: '9.0'\n",
                "pnpm-workspace.yaml",
                "packages:\n  - 'packages/*'\n",
                "packages/api/package.json",
                "{}",
                "packages/ui/package.json",
                "{}");
        String d = web(dir);
        assertPinnedNonRootWithCommand(d);
        assertThat(d)
                .contains("COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./")
                .contains("COPY packages/api/package.json packages/api/\nCOPY packages/ui/package.json packages/ui/")
                .contains("ENV COREPACK_HOME=/opt/corepack\nRUN corepack enable\nRUN pnpm install --frozen-lockfile")
                .contains("COPY --from=build /opt/corepack /opt/corepack\nRUN corepack enable\n")
                .contains("RUN pnpm -r --if-present run build\nRUN pnpm prune --prod");
    }

    @Test
    void nodeWithYarnInstallsTheFrozenLock() {
        files(dir, "package.json", "{\"scripts\": {\"build\": \"next build\"}}", "yarn.lock", "");
        String d = web(dir);
        assertPinnedNonRootWithCommand(d);
        assertThat(d)
                .contains("RUN yarn install --frozen-lockfile")
                .contains("RUN if grep -q '\"build\"' package.json; then yarn run build; fi");
    }

    @Test
    void javaWithTheMavenWrapperBuildsOnTheJdkAndRunsOnTheJre() {
        files(
                dir,
                "pom.xml",
                "<project><properties><maven.compiler.release>17</maven.compiler.release>" + "</properties></project>",
                "mvnw",
                "#!/bin/sh\n");
        String d = web(dir);
        assertPinnedNonRootWithCommand(d);
        assertThat(d)
                .contains("FROM eclipse-temurin:17.0.13_11-jdk AS build")
                .contains("RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package")
                .contains("FROM eclipse-temurin:17.0.13_11-jre\nRUN useradd --system --uid 10001 --create-home app");
    }

    @Test
    void javaWithGradleAndNoWrapperUsesTheGradleImage() {
        files(dir, "build.gradle.kts", "java { toolchain { languageVersion = JavaLanguageVersion.of(21) } }");
        String d = web(dir);
        assertPinnedNonRootWithCommand(d);
        assertThat(d)
                .contains("FROM gradle:8.11.1-jdk21 AS build")
                .contains("RUN --mount=type=cache,target=/root/.gradle gradle --no-daemon build -x check")
                .contains("FROM eclipse-temurin:21.0.5_11-jre");
    }

    @Test
    void javaTakesHerokusSystemPropertiesOverTheBuildFile() {
        files(dir, "pom.xml", "<java.version>21</java.version>", "system.properties", "java.runtime.version=17\n");
        assertThat(web(dir))
                .contains(
                        "FROM maven:3.9.9-eclipse-temurin-17 AS build",
                        "RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests");
    }

    @Test
    void pythonWithPipInstallsRequirementsIntoAVirtualenv() {
        files(dir, "requirements.txt", "gunicorn==23.0.0\n", "runtime.txt", "python-3.11.9\n");
        String d = web(dir);
        assertPinnedNonRootWithCommand(d);
        assertThat(d)
                .contains("FROM python:3.11.11-slim-bookworm AS build")
                .contains("RUN python -m venv /venv\nCOPY requirements.txt ./\nRUN pip install -r requirements.txt")
                .contains("COPY --from=build /venv /venv");
    }

    @Test
    void pythonWithPoetryInstallsMainDependenciesOnly() {
        files(dir, "pyproject.toml", "[project]\nrequires-python = \">=3.12\"\n", "poetry.lock", "");
        String d = web(dir);
        assertPinnedNonRootWithCommand(d);
        assertThat(d)
                .contains("FROM python:3.12.8-slim-bookworm AS build")
                .contains("RUN pip install poetry==1.8.5 && python -m venv /venv")
                .contains("RUN poetry install --only main --no-root --no-interaction");
    }

    @Test
    void pythonWithUvSyncsTheFrozenLock() {
        files(dir, "pyproject.toml", "[project]\n", "uv.lock", "", ".python-version", "3.13\n");
        String d = web(dir);
        assertPinnedNonRootWithCommand(d);
        assertThat(d)
                .contains("FROM python:3.13.1-slim-bookworm AS build")
                .contains("COPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /usr/local/bin/uv")
                .contains(
                        "RUN uv sync --frozen --no-dev --no-install-project\nCOPY . .\nRUN uv sync --frozen --no-dev");
    }

    @Test
    void rubyWithBundlerKeepsTheGemfilesExactRubyAndPrecompilesRailsAssets() {
        String d = web(Fixtures.resource("heroku-sample/repo"));
        assertPinnedNonRootWithCommand(d);
        assertThat(d)
                .contains("FROM ruby:3.3.5-slim-bookworm AS build")
                .contains("COPY Gemfile Gemfile.lock ./\nRUN bundle install --jobs 4")
                .contains("bundle exec rails assets:precompile")
                .contains("BUNDLE_WITHOUT=development:test");
    }

    @Test
    void goBuildsEveryMainPackageIntoBin() {
        files(dir, "go.mod", "module example.com/api\n\ngo 1.22\n");
        String d = web(dir);
        assertPinnedNonRootWithCommand(d);
        assertThat(d)
                .contains("FROM golang:1.22.10-bookworm AS build")
                .contains("COPY go.mod go.sum* ./\nRUN go mod download")
                .contains("RUN CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\" -o /app/bin/ ./...")
                .contains("FROM debian:12.8-slim");
    }

    @Test
    void aRailsAppWithAPackageJsonIsStillRuby() {
        files(dir, "Gemfile", "ruby \"3.3.6\"\n", "Gemfile.lock", "", "package.json", "{}");
        assertThat(StackDetector.detect(dir, null).language()).isEqualTo(Language.RUBY);
    }

    @Test
    void anUnknownRuntimeLineGetsTheNewestPinnedOneAndANote() {
        files(dir, "package.json", "{\"engines\": {\"node\": \"16.x\"}}");
        Dockerfiles.Build b = Dockerfiles.build(StackDetector.detect(dir, null));
        assertThat(b.stages().get(0)).isEqualTo("FROM node:22.12.0-bookworm-slim AS build");
        assertThat(b.notes()).anyMatch(n -> n.contains("Node '16.x' is not a line liftoff pins"));
    }

    @Test
    void asksForStackWhenNothingTellsIt() {
        files(dir, "README.md", "hello");
        assertThatThrownBy(() -> StackDetector.detect(dir, null))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("cannot tell the stack of " + dir)
                .hasMessageContaining("pass --stack node|java|python|ruby|go");
    }

    @Test
    void asksForStackWhenTwoStacksAreThere() {
        files(dir, "pom.xml", "<project/>", "requirements.txt", "");
        assertThatThrownBy(() -> StackDetector.detect(dir, null))
                .hasMessageContaining("it has the files of [java, python]")
                .hasMessageContaining("--stack");
        assertThat(StackDetector.detect(dir, Language.PYTHON).tool()).isEqualTo("pip");
    }

    @Test
    void saysWhatAForcedStackIsMissing() {
        files(dir, "package.json", "{}");
        assertThatThrownBy(() -> StackDetector.detect(dir, Language.GO))
                .hasMessageContaining("--stack go: " + dir + " has no go.mod");
    }

    @Test
    void keepsSecretsAndBuildOutputOutOfTheContext() {
        files(dir, "go.mod", "module x\n");
        String ignore = Dockerfiles.dockerignore(StackDetector.detect(dir, null));
        assertThat(ignore.lines()).contains(".git", ".env", ".env.*", "bin/");
    }
}
