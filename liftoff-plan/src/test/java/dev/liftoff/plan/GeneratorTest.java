package dev.liftoff.plan;

import static dev.liftoff.plan.Fixtures.files;
import static dev.liftoff.plan.GenerateCases.assertGolden;
import static dev.liftoff.plan.GenerateCases.listFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.plan.generate.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code liftoff generate}: whole generated files against golden copies in {@code src/test/resources/golden/<case>/}
 * for every {@link GenerateCases case}; sizes, secrets and bad input. After an intended change, rewrite the golden
 * files and review their diff:
 *
 * <pre>
 * ./mvnw -B -pl liftoff-plan test -Dtest=GeneratorTest -Dgolden.update=true
 * git diff liftoff-plan/src/test/resources/golden
 * </pre>
 */
class GeneratorTest {
    @TempDir
    Path dir;

    static GenerateResult sample(Path dir) {
        return GenerateCases.generate("sample", dir);
    }

    /** The seed-shaped export and its Node monorepo: a domain, ARM tasks, private subnets with NAT. */
    static GenerateResult seed(Path dir) {
        return GenerateCases.generate("seed", dir);
    }

    static Stream<String> cases() {
        return GenerateCases.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void writesEachCaseAsInItsGoldenFiles(String name) throws IOException {
        GenerateResult r = GenerateCases.generate(name, dir);
        assertThat(r.environments()).containsExactly("production", "staging");
        assertThat(r.stack())
                .startsWith(
                        switch (name) {
                            case "sample" -> "ruby (bundler, 3.3.5";
                            case "seed" -> "node (npm, 22.x";
                            case "node-pnpm" -> "node (pnpm, 20.x";
                            case "java-maven" -> "java (maven, 21";
                            case "python-poetry" -> "python (poetry, 3.12";
                            default -> "go (go, 1.23";
                        });
        assertGolden(name, r.out());
    }

    /** No value of any config var (nor the password or host inside a URL) is in any generated file. */
    @ParameterizedTest
    @MethodSource("cases")
    void neverWritesAConfigValue(String name) throws IOException {
        GenerateResult r = GenerateCases.generate(name, dir);
        List<String> values = GenerateCases.configValues(name);
        assertThat(values).hasSizeGreaterThan(3);
        for (Path f : listFiles(r.out())) {
            String text = Files.readString(r.out().resolve(f.toString()));
            for (String v : values) {
                assertThat(text).as("%s of %s", f, name).doesNotContain(v);
            }
        }
    }

    @Test
    void buildsImagesOnlyForProcessesThatRunAndTheReleaseInWebsImage() throws IOException {
        GenerateResult r = sample(dir);
        // The sample's clock runs no dynos: no image, no service, a note saying how to add it.
        assertThat(r.files()).contains("docker/web/Dockerfile", "docker/worker/Dockerfile");
        assertThat(r.files()).noneMatch(f -> f.contains("clock"));
        assertThat(r.notes()).anyMatch(n -> n.startsWith("'clock' runs no dynos in acme-shop: no image or service"));
        String prod = Files.readString(r.out().resolve("cloudformation/production.yaml"));
        assertThat(prod).doesNotContain("ClockService").contains("ReleaseTaskDefinition:");
        String release = prod.substring(prod.indexOf("  ReleaseTaskDefinition:"));
        assertThat(release.split("\n  (?=[A-Z])")[0])
                .contains("Image: !Sub '${WebRepository.RepositoryUri}:${ImageTag}'")
                .contains("- bundle exec rails db:migrate");
        assertThat(Files.readString(r.out().resolve("buildspec.yml"))).doesNotContain("clock");
    }

    @Test
    void sizesTheTemplatesFromThePlansRecommendedOption() throws IOException {
        GenerateResult r = seed(dir);
        String prod = Files.readString(r.out().resolve("cloudformation/production.yaml"));
        // web: 1 vCPU / 2 GB, 2 tasks, autoscaling 2-9, 2,100 requests a minute per target (35 req/s)
        assertThat(prod)
                .contains("Cpu: '1024'\n      Memory: '2048'")
                .contains("DesiredCount: !If [ServicesOn, 2, 0]")
                .contains("MaxCapacity: !If [ServicesOn, 9, 0]")
                .contains("TargetValue: 2100")
                .contains("CpuArchitecture: ARM64")
                .contains("DBInstanceClass: db.t4g.large")
                .contains("AllocatedStorage: '256'")
                .contains("CacheNodeType: cache.t4g.micro\n      NumCacheClusters: 2")
                .contains("NatGateway1:", "NatGateway2:", "AssignPublicIp: DISABLED")
                .contains("DomainName: shop.example.com");
        String staging = Files.readString(r.out().resolve("cloudformation/staging.yaml"));
        assertThat(staging)
                .contains("Cpu: '256'\n      Memory: '512'")
                .contains("DBInstanceClass: db.t4g.micro")
                .contains("DomainName: staging.shop.example.com")
                .contains("CidrBlock: 10.1.0.0/16");
        String sampleProd = Files.readString(sample(dir.resolve("s")).out().resolve("cloudformation/production.yaml"));
        assertThat(sampleProd).doesNotContain("NatGateway").contains("AssignPublicIp: ENABLED");
    }

    @Test
    void referencesSecretsByArnAndNeverWritesAConfigValue() throws IOException {
        GenerateResult r = seed(dir);
        String prod = Files.readString(r.out().resolve("cloudformation/production.yaml"));
        assertThat(prod)
                .contains("- Name: SESSION_SECRET\n          ValueFrom: !Sub '${AppSecret}:SESSION_SECRET::'")
                .contains("- Name: DATABASE_URL\n          ValueFrom: !Ref 'DatabaseUrlSecret'")
                .doesNotContain("Name: HEROKU_APP_NAME", "ValueFrom: !Sub '${AppSecret}:PAPERTRAIL_API_TOKEN::'");
        try (Stream<Path> files = Files.walk(r.out())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f))
                        .as(f.toString())
                        .doesNotContain(
                                "fake-db-password",
                                "fake-redis-password",
                                "fake-session-secret",
                                "sk_test_fake",
                                "fake-papertrail-token",
                                "sentry.example.com");
            }
        }
    }

    @Test
    void generatesTheSameBytesTwice() throws IOException {
        Path a = sample(dir.resolve("a")).out();
        Path b = sample(dir.resolve("b")).out();
        for (Path f : listFiles(a)) {
            assertThat(Files.readString(b.resolve(f.toString()))).isEqualTo(Files.readString(a.resolve(f.toString())));
        }
    }

    @Test
    void refusesAProcfileWithoutWebAndSaysWhatToAdd() {
        Path repo = files(dir.resolve("repo"), "Procfile", "worker: python worker.py\n", "requirements.txt", "");
        assertThatThrownBy(() -> Generator.generate(new GenerateConfig(
                        Fixtures.sampleExport(), repo, dir.resolve("out"), null, null, null, null, null, null)))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("Procfile has no web process (it has worker)")
                .hasMessageContaining("add a line 'web: COMMAND' that listens on $PORT");
    }

    @Test
    void refusesAnUndetectableStackAndPointsAtTheOption() {
        Path repo = files(dir.resolve("repo"), "Procfile", "web: ./server\n");
        assertThatThrownBy(() -> Generator.generate(new GenerateConfig(
                        Fixtures.sampleExport(), repo, dir.resolve("out"), null, null, null, null, null, null)))
                .hasMessageContaining("cannot tell the stack of")
                .hasMessageContaining("pass --stack node|java|python|ruby|go");
        files(repo, "main.go", "package main\n", "go.mod", "module x\n");
        GenerateResult r = Generator.generate(new GenerateConfig(
                Fixtures.sampleExport(), repo, dir.resolve("out"), null, null, null, Language.GO, null, null));
        assertThat(r.stack()).startsWith("go (go");
    }

    @Test
    void refusesAnUnknownRegionABadDomainAndTheRepositoryRootAsOutput() {
        Path repo = Fixtures.resource("heroku-sample/repo");
        assertThatThrownBy(() -> new GenerateConfig(
                        Fixtures.sampleExport(), repo, dir, "eu-middle-9", null, null, null, null, null))
                .hasMessageContaining("--region eu-middle-9: not an AWS region")
                .hasMessageContaining("eu-west-1");
        assertThatThrownBy(() -> new GenerateConfig(
                        Fixtures.sampleExport(), repo, dir, null, "https://x", null, null, null, null))
                .hasMessageContaining("--domain https://x: not a domain name");
        assertThatThrownBy(() -> Generator.generate(
                        new GenerateConfig(Fixtures.sampleExport(), repo, repo, null, null, null, null, null, null)))
                .hasMessageContaining("is the repository root, whose README.md it would replace");
    }
}
