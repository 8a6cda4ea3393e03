package dev.liftoff.plan.generate;

import dev.liftoff.core.report.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * One Dockerfile per process: a build stage that installs dependencies before copying the source (so code changes
 * reuse the dependency layer) and runs the build Heroku's buildpack would run, then a slim runtime stage that runs as
 * a non-root user and starts the Procfile command through {@code /bin/sh -c}, as Heroku did. Web processes listen on
 * {@code $PORT} (8080). Every base image is an exact tag. Stateless.
 */
final class Dockerfiles {
    static final int PORT = 8080;

    /** Where corepack keeps the pnpm or yarn it downloads, copied from the build stage to the runtime. */
    private static final String COREPACK_HOME = "COREPACK_HOME=/opt/corepack";

    /** What every Dockerfile of an app shares; notes say what was assumed. */
    record Build(Stack stack, List<String> stages, String runtime, List<String> notes) {}

    private Dockerfiles() {}

    /** The build and runtime stages for a stack (everything but the process's own command). */
    static Build build(Stack stack) {
        List<String> notes = new ArrayList<>();
        return switch (stack.language()) {
            case NODE -> node(stack, notes);
            case JAVA -> java(stack, notes);
            case PYTHON -> python(stack, notes);
            case RUBY -> ruby(stack, notes);
            case GO -> go(stack, notes);
        };
    }

    /** The whole Dockerfile of one process. */
    static String dockerfile(Build b, String app, String process, String command, boolean web) {
        StringBuilder sb = new StringBuilder();
        sb.append("# syntax=docker/dockerfile:1\n");
        sb.append("# ")
                .append(process)
                .append(" of ")
                .append(app)
                .append(", from its Procfile; ")
                .append(b.stack())
                .append(".\n");
        sb.append("# Written by liftoff generate; build from the repository root:\n");
        sb.append("#   docker build -f <this file> .\n");
        sb.append("# Base images are pinned to exact version tags, not digests: add @sha256:... to a FROM line to"
                + " freeze it byte for byte.\n\n");
        b.stages().forEach(line -> sb.append(line).append('\n'));
        sb.append('\n');
        sb.append(b.runtime());
        if (web) {
            sb.append("ENV PORT=").append(PORT).append('\n');
            sb.append("EXPOSE ").append(PORT).append('\n');
        }
        sb.append("CMD [\"/bin/sh\", \"-c\", ").append(Json.toJson(command)).append("]\n");
        return sb.toString();
    }

    private static Build node(Stack s, List<String> notes) {
        BaseImages.Choice v = BaseImages.node(s.version());
        note(notes, v);
        String image = "node:" + v.exact() + "-bookworm-slim";
        List<String> st = new ArrayList<>();
        st.add("FROM " + image + " AS build");
        st.add("WORKDIR /app");
        String lock =
                switch (s.tool()) {
                    case "pnpm" -> "pnpm-lock.yaml";
                    case "yarn" -> "yarn.lock";
                    default -> "package-lock.json";
                };
        boolean locked = s.evidence().contains(lock);
        List<String> manifests = new ArrayList<>(List.of("package.json"));
        if (locked) {
            manifests.add(lock);
        }
        if (s.tool().equals("pnpm") && !s.workspaces().isEmpty()) {
            manifests.add("pnpm-workspace.yaml");
        }
        st.add("COPY " + String.join(" ", manifests) + " ./");
        for (String ws : s.workspaces()) {
            st.add("COPY " + ws + "/package.json " + ws + "/");
        }
        switch (s.tool()) {
            case "pnpm" -> {
                st.add("ENV " + COREPACK_HOME);
                st.add("RUN corepack enable");
                st.add("RUN pnpm install " + (locked ? "--frozen-lockfile" : "--no-frozen-lockfile"));
            }
            case "yarn" -> {
                st.add("ENV " + COREPACK_HOME);
                st.add("RUN corepack enable");
                st.add("RUN yarn install" + (locked ? " --frozen-lockfile" : ""));
            }
            default -> st.add(locked ? "RUN npm ci" : "RUN npm install");
        }
        st.add("COPY . .");
        String run = s.tool().equals("npm") ? "npm run" : s.tool();
        String build;
        if (s.workspaces().isEmpty()) {
            build = run + " build --if-present";
            if (!s.tool().equals("npm")) {
                build = "if grep -q '\"build\"' package.json; then " + s.tool() + " run build; fi";
            }
        } else {
            build = switch (s.tool()) {
                case "pnpm" -> "pnpm -r --if-present run build";
                case "yarn" -> "yarn workspaces run build";
                default -> "npm run build --workspaces --if-present";
            };
            notes.add("Node workspaces " + s.workspaces() + ": the image holds the whole monorepo, built once");
        }
        st.add("RUN " + build);
        switch (s.tool()) {
            case "pnpm" -> st.add("RUN pnpm prune --prod");
            case "yarn" -> notes.add("yarn: development dependencies stay in the image (yarn has no prune)");
            default -> st.add("RUN npm prune --omit=dev");
        }
        if (!locked) {
            notes.add("no " + lock + ": dependencies resolve at build time; commit a lock file for repeatable"
                    + " images");
        }
        // pnpm and yarn come through corepack, which downloads them on first use: the build stage's copy goes along,
        // so a Procfile command like 'pnpm start' runs offline and as the non-root user.
        String runtime = "FROM " + image + "\n"
                + (s.tool().equals("npm")
                        ? "ENV NODE_ENV=production\n"
                        : "ENV NODE_ENV=production " + COREPACK_HOME + "\n"
                                + "COPY --from=build /opt/corepack /opt/corepack\n" + "RUN corepack enable\n")
                + "WORKDIR /app\n"
                + "COPY --from=build --chown=node:node /app /app\n" + "USER node\n";
        return new Build(s, st, runtime, notes);
    }

    private static Build java(Stack s, List<String> notes) {
        BaseImages.Choice v = BaseImages.java(s.version());
        note(notes, v);
        String jre = "eclipse-temurin:" + v.exact() + "-jre";
        String jdk = "eclipse-temurin:" + v.exact() + "-jdk";
        List<String> st = new ArrayList<>();
        if (s.tool().equals("maven")) {
            boolean wrapper = s.evidence().contains("mvnw");
            st.add("FROM " + (wrapper ? jdk : "maven:3.9.9-eclipse-temurin-" + v.line()) + " AS build");
            st.add("WORKDIR /app");
            st.add("COPY . .");
            String mvn = wrapper ? "./mvnw" : "mvn";
            // A cache mount rather than a dependency layer: a go-offline layer needs every module's pom first.
            st.add("RUN --mount=type=cache,target=/root/.m2 " + mvn + " -B -q -DskipTests package");
        } else {
            boolean wrapper = s.evidence().contains("gradlew");
            st.add("FROM " + (wrapper ? jdk : "gradle:8.11.1-jdk" + v.line()) + " AS build");
            st.add("WORKDIR /app");
            st.add("COPY . .");
            st.add("RUN --mount=type=cache,target=/root/.gradle " + (wrapper ? "./gradlew" : "gradle")
                    + " --no-daemon build -x check");
        }
        String runtime = "FROM " + jre + "\n" + "RUN useradd --system --uid 10001 --create-home app\n"
                + "WORKDIR /app\n" + "COPY --from=build --chown=app:app /app /app\n" + "USER app\n";
        return new Build(s, st, runtime, notes);
    }

    private static Build python(Stack s, List<String> notes) {
        BaseImages.Choice v = BaseImages.python(s.version());
        note(notes, v);
        String image = "python:" + v.exact() + "-slim-bookworm";
        List<String> st = new ArrayList<>();
        st.add("FROM " + image + " AS build");
        st.add("ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 VIRTUAL_ENV=/venv PATH=/venv/bin:$PATH");
        st.add("WORKDIR /app");
        switch (s.tool()) {
            case "uv" -> {
                st.add("COPY --from=" + BaseImages.UV_IMAGE + " /uv /usr/local/bin/uv");
                st.add("ENV UV_PROJECT_ENVIRONMENT=/venv UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy");
                st.add("COPY pyproject.toml uv.lock ./");
                st.add("RUN uv sync --frozen --no-dev --no-install-project");
                st.add("COPY . .");
                st.add("RUN uv sync --frozen --no-dev");
            }
            case "poetry" -> {
                st.add("RUN pip install poetry==" + BaseImages.POETRY_VERSION + " && python -m venv /venv");
                st.add("COPY pyproject.toml poetry.lock ./");
                st.add("RUN poetry install --only main --no-root --no-interaction");
                st.add("COPY . .");
            }
            default -> {
                st.add("RUN python -m venv /venv");
                if (s.evidence().contains("requirements.txt")) {
                    st.add("COPY requirements.txt ./");
                    st.add("RUN pip install -r requirements.txt");
                    st.add("COPY . .");
                } else {
                    st.add("COPY . .");
                    st.add("RUN pip install .");
                }
            }
        }
        String runtime = "FROM " + image + "\n" + "RUN useradd --system --uid 10001 --create-home app\n"
                + "ENV VIRTUAL_ENV=/venv PATH=/venv/bin:$PATH PYTHONUNBUFFERED=1\n" + "WORKDIR /app\n"
                + "COPY --from=build /venv /venv\n" + "COPY --from=build --chown=app:app /app /app\n" + "USER app\n";
        return new Build(s, st, runtime, notes);
    }

    private static Build ruby(Stack s, List<String> notes) {
        BaseImages.Choice v = BaseImages.ruby(s.version());
        note(notes, v);
        String image = "ruby:" + v.exact() + "-slim-bookworm";
        String bundle = "ENV BUNDLE_DEPLOYMENT=1 BUNDLE_WITHOUT=development:test BUNDLE_PATH=/usr/local/bundle";
        List<String> st = new ArrayList<>();
        st.add("FROM " + image + " AS build");
        st.add("RUN apt-get update && apt-get install -y --no-install-recommends build-essential git libpq-dev"
                + " libyaml-dev && rm -rf /var/lib/apt/lists/*");
        st.add(bundle);
        st.add("WORKDIR /app");
        st.add("COPY Gemfile Gemfile.lock ./");
        st.add("RUN bundle install --jobs 4");
        st.add("COPY . .");
        st.add("RUN if [ -x bin/rails ]; then SECRET_KEY_BASE_DUMMY=1 bundle exec rails assets:precompile; fi");
        String runtime = "FROM " + image + "\n"
                + "RUN apt-get update && apt-get install -y --no-install-recommends libpq5 libyaml-0-2"
                + " && rm -rf /var/lib/apt/lists/* && useradd --system --uid 10001 --create-home app\n"
                + bundle + " RAILS_ENV=production RAILS_LOG_TO_STDOUT=1 RAILS_SERVE_STATIC_FILES=1\n"
                + "WORKDIR /app\n" + "COPY --from=build /usr/local/bundle /usr/local/bundle\n"
                + "COPY --from=build --chown=app:app /app /app\n" + "USER app\n";
        if (!s.evidence().contains("Gemfile.lock")) {
            notes.add("no Gemfile.lock: run 'bundle lock' and commit it; the image build needs it");
        }
        return new Build(s, st, runtime, notes);
    }

    private static Build go(Stack s, List<String> notes) {
        BaseImages.Choice v = BaseImages.go(s.version());
        note(notes, v);
        List<String> st = new ArrayList<>();
        st.add("FROM golang:" + v.exact() + "-bookworm AS build");
        st.add("WORKDIR /src");
        st.add("COPY go.mod go.sum* ./");
        st.add("RUN go mod download");
        st.add("COPY . .");
        st.add("RUN CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\" -o /app/bin/ ./...");
        String runtime = "FROM " + BaseImages.GO_RUNTIME + "\n" + "RUN useradd --system --uid 10001 app\n"
                + "WORKDIR /app\n" + "COPY --from=build /app/bin /app/bin\n" + "USER app\n";
        notes.add("Go: every main package builds into bin/ (as Heroku's Go buildpack does), so Procfile commands"
                + " like 'bin/server' work");
        return new Build(s, st, runtime, notes);
    }

    private static void note(List<String> notes, BaseImages.Choice v) {
        if (!v.note().isEmpty()) {
            notes.add(v.note());
        }
    }

    /** The {@code .dockerignore} for the build context (the repository root). */
    static String dockerignore(Stack s) {
        List<String> lines = new ArrayList<>(List.of(
                "# Written by liftoff generate: keep secrets, history and local builds out of the image.",
                ".git",
                ".github",
                ".env",
                ".env.*",
                "*.log",
                "log/",
                "tmp/",
                ".DS_Store",
                "docker-compose.yml"));
        switch (s.language()) {
            case NODE -> lines.addAll(List.of("node_modules", "**/node_modules", "coverage/", ".next/cache"));
            case JAVA -> lines.addAll(List.of("target/", "build/", ".gradle/", "**/target/", "**/build/"));
            case PYTHON -> lines.addAll(List.of("__pycache__/", "**/__pycache__/", "*.pyc", ".venv/", "venv/"));
            case RUBY ->
                lines.addAll(List.of(".bundle/", "vendor/bundle/", "public/assets/", "storage/", "node_modules"));
            case GO -> lines.addAll(List.of("bin/", "vendor/"));
        }
        return String.join("\n", lines) + "\n";
    }
}
