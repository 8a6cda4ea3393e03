package dev.liftoff.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.liftoff.core.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @TempDir
    Path dir;

    /** A one-app export (web, worker, PostgreSQL, a secret config var) and a Node app with npm. */
    private Path repo() {
        Cli.export(dir.resolve("export"));
        Path repo = dir.resolve("app");
        Cli.write(repo.resolve("Procfile"), "web: node server.js\nworker: node worker.js\nrelease: node migrate.js\n");
        Cli.write(repo.resolve("package.json"), "{\"name\": \"shop\", \"engines\": {\"node\": \"22.x\"}}");
        Cli.write(repo.resolve("package-lock.json"), "{}");
        return repo;
    }

    private Cli.Run generate(Path repo, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "generate",
                "--heroku",
                dir.resolve("export").toString(),
                "--repo",
                repo.toString(),
                "--out",
                repo.resolve("deploy").toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void writesTheDockerfilesComposeTemplatesBuildspecAndReadme() throws IOException {
        Path repo = repo();
        Cli.Run r = generate(repo, "--region", "eu-west-1", "--domain", "shop.example.com", "--arch", "arm");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("Stack: node (npm, 22.x; from package.json, package-lock.json)")
                .contains("Sized from the plan's right-sized option ($")
                .contains(
                        "  docker/web/Dockerfile\n", "  docker/worker/Dockerfile\n", "  cloudformation/staging.yaml\n")
                .contains("Next: the deploy order and commands are in ");
        Path out = repo.resolve("deploy");
        for (String f : List.of(
                "docker/web/Dockerfile",
                "docker/worker/Dockerfile",
                ".dockerignore",
                "docker-compose.yml",
                "cloudformation/production.yaml",
                "cloudformation/staging.yaml",
                "buildspec.yml",
                "README.md")) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        String prod = Files.readString(out.resolve("cloudformation/production.yaml"));
        assertThat(prod)
                .contains("DomainName: shop.example.com")
                .contains("CpuArchitecture: ARM64")
                .contains("ReleaseTaskDefinition:")
                .contains("ValueFrom: !Sub '${AppSecret}:API_TOKEN::'");
        assertThat(Files.readString(out.resolve("README.md"))).contains("aws cloudformation deploy --region eu-west-1");
        StringBuilder everything = new StringBuilder(r.out() + r.err());
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                everything.append(Files.readString(f));
            }
        }
        assertThat(everything.toString()).doesNotContain("cli-db-secret", "cli-token-secret");
    }

    @Test
    void writesOnlyJsonToStandardOutputWhenAskedTo() throws IOException {
        Cli.Run r = generate(repo(), "--json", "-");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        assertThat(json.get("out").asText()).isEqualTo(dir.resolve("app/deploy").toString());
        assertThat(json.get("stack").asText()).startsWith("node (npm");
        assertThat(json.get("files").toString()).contains("cloudformation/production.yaml");
        assertThat(json.get("environments").toString()).contains("production", "staging");
    }

    @Test
    void anUndetectableStackNamesTheStackOptionAndTheOptionFixesIt() {
        Path repo = dir.resolve("app");
        Cli.export(dir.resolve("export"));
        Cli.write(repo.resolve("Procfile"), "web: bin/server\n");
        Cli.Run r = generate(repo);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err())
                .contains("liftoff generate: cannot tell the stack of", "pass --stack node|java|python|ruby|go");
        Cli.write(repo.resolve("go.mod"), "module example.com/x\n\ngo 1.23\n");
        Cli.Run forced = generate(repo, "--stack", "go");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("Stack: go (go, 1.23");
    }

    @Test
    void aProcfileWithoutWebAndAnUnknownRegionAreOneLineUsageErrors() {
        Path repo = repo();
        Cli.Run region = generate(repo, "--region", "mars-1");
        assertThat(region.exit()).isEqualTo(2);
        assertThat(region.err().strip().lines()).hasSize(1);
        assertThat(region.err()).contains("--region mars-1: not an AWS region; use one such as");
        Cli.write(repo.resolve("Procfile"), "worker: node worker.js\n");
        Cli.Run noWeb = generate(repo);
        assertThat(noWeb.exit()).isEqualTo(2);
        assertThat(noWeb.err().strip().lines()).hasSize(1);
        assertThat(noWeb.err()).contains("has no web process (it has worker)", "add a line 'web: COMMAND'");
        assertThat(repo.resolve("deploy")).doesNotExist();
    }

    @Test
    void showsExamplesInHelpAndIsListed() {
        Cli.Run r = Cli.run("generate", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("Examples:", "liftoff generate --heroku heroku-export --repo . --out deploy")
                .contains("--domain", "--arch", "--stack", "--network", "--region");
        assertThat(Cli.run("--help").out()).contains("generate ");
    }
}
