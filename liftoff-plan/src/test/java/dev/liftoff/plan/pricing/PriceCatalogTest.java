package dev.liftoff.plan.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.plan.Fixtures;
import dev.liftoff.plan.PlanConfig;
import dev.liftoff.plan.PlanResult;
import dev.liftoff.plan.Planner;
import dev.liftoff.plan.sizing.Arch;
import dev.liftoff.plan.sizing.Network;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceCatalogTest {
    @TempDir
    Path dir;

    @Test
    void bundledCatalogIsDatedAndSourcesEveryPrice() {
        PriceCatalog c = PriceCatalog.bundled();
        assertThat(c.dated()).isEqualTo("bundled 2026-01");
        assertThat(c.region()).isEqualTo("us-east-1");
        assertThat(c.hoursPerMonth()).isEqualTo(730);
        assertThat(c.price("aws.fargate.x86.vcpu-hour").usd()).isEqualByComparingTo("0.04048");
        assertThat(c.price("aws.fargate.arm.gb-hour").usd()).isEqualByComparingTo("0.00356");
        assertThat(c.price("aws.rds.postgres.multi-az.db.t4g.micro").usd()).isEqualByComparingTo("0.032");
        assertThat(c.price("aws.elasticache.valkey.cache.t4g.micro").usd()).isEqualByComparingTo("0.0128");
        assertThat(c.price("heroku.dyno.Performance-L").usd()).isEqualByComparingTo("500");
        assertThat(c.price("aws.nat.hour").source()).startsWith("field-notes.md");
        assertThat(c.price("aws.rds.postgres.single-az.db.t4g.large").source()).contains("not in field-notes.md");
        assertThat(c.size()).isGreaterThan(60);
    }

    @Test
    void readsFargatePricesFromAnAwsPriceListRegionFile() {
        PriceCatalog c = PriceCatalog.load(Fixtures.resource("pricelist/AmazonECS-eu-west-1.json"));
        assertThat(c.size()).isEqualTo(4); // Windows, ephemeral storage and reserved terms left out
        assertThat(c.price("aws.fargate.x86.vcpu-hour").usd()).isEqualByComparingTo("0.04484");
        assertThat(c.price("aws.fargate.x86.gb-hour").usd()).isEqualByComparingTo("0.004924");
        assertThat(c.price("aws.fargate.arm.vcpu-hour").usd()).isEqualByComparingTo("0.03587");
        assertThat(c.price("aws.fargate.arm.gb-hour").usd()).isEqualByComparingTo("0.00394");
        assertThat(c.price("aws.fargate.x86.vcpu-hour").source())
                .isEqualTo("AWS Price List AmazonECS eu-west-1, published 2026-03-01T00:00:00Z, SKU SKUVCPU1");
        assertThat(c.price("aws.fargate.x86.vcpu-hour").region()).isEqualTo("eu-west-1");
        assertThat(c.dated()).isEqualTo("AmazonECS eu-west-1 2026-03-01");
    }

    @Test
    void readsRdsPostgresClassesAndGp3StorageButNotOtherEngines() {
        PriceCatalog c = PriceCatalog.load(Fixtures.resource("pricelist/AmazonRDS-eu-west-1.json"));
        assertThat(c.price("aws.rds.postgres.single-az.db.t4g.large").usd()).isEqualByComparingTo("0.142");
        assertThat(c.price("aws.rds.postgres.multi-az.db.t4g.large").usd()).isEqualByComparingTo("0.284");
        assertThat(c.price("aws.rds.gp3.gb-month").usd()).isEqualByComparingTo("0.127");
        assertThat(c.size()).isEqualTo(3);
    }

    @Test
    void readsApplicationLoadBalancerHoursAndLcus() {
        PriceCatalog c = PriceCatalog.load(Fixtures.resource("pricelist/AWSELB-eu-west-1.json"));
        assertThat(c.price("aws.alb.hour").usd()).isEqualByComparingTo("0.0252");
        assertThat(c.price("aws.alb.lcu-hour").usd()).isEqualByComparingTo("0.008");
        assertThat(c.size()).isEqualTo(2);
    }

    @Test
    void pricesAPlanWithPriceListFilesLaidOverTheBundledCatalog() {
        PlanResult r = Planner.plan(new PlanConfig(
                Fixtures.seedExport(),
                null,
                "eu-west-1",
                List.of(
                        Fixtures.resource("pricelist/AmazonECS-eu-west-1.json"),
                        Fixtures.resource("pricelist/AmazonRDS-eu-west-1.json"),
                        Fixtures.resource("pricelist/AWSELB-eu-west-1.json")),
                Arch.X86,
                Network.PUBLIC));
        LineItem web = r.items("aws", "right-sized").get(0);
        // 2 tasks × 1 vCPU × 730 × 0.04484 + 2 × 2 GB × 730 × 0.004924 = 65.4664 + 14.37808
        assertThat(web.basis()).contains("$0.04484", "$0.004924");
        assertThat(web.monthlyUsd()).isEqualByComparingTo("79.84");
        LineItem db = r.items("aws", "right-sized").stream()
                .filter(i -> i.component().startsWith("postgres postgresql-solid"))
                .findFirst()
                .orElseThrow();
        // 730 × 0.142 + 256 × 0.127 = 103.66 + 32.512
        assertThat(db.monthlyUsd()).isEqualByComparingTo("136.17");
        assertThat(r.pricesDated())
                .isEqualTo("bundled 2026-01; AmazonECS eu-west-1 2026-03-01; AmazonRDS eu-west-1 2026-03-01;"
                        + " AWSELB eu-west-1 2026-03-01");
        // the micro class for staging, ElastiCache and the rest still come from the bundled us-east-1 catalog
        assertThat(r.assumptions())
                .anyMatch(a -> a.contains("aws.rds.postgres.single-az.db.t4g.micro (us-east-1)")
                        && !a.contains("aws.fargate.x86.vcpu-hour"));
    }

    @Test
    void overridesSinglePricesFromOurJsonFormat() throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, """
                {"dated": "2026-02-15", "region": "us-east-1", "prices": [
                  {"key": "aws.fargate.x86.vcpu-hour", "usd": "0.05", "unit": "vCPU-hour", "source": "my quote"},
                  {"key": "heroku.addon.heroku-postgresql:premium-9", "usd": "5800"}]}""");
        PriceCatalog c = PriceCatalog.bundled().overriddenBy(PriceCatalog.load(file));
        assertThat(c.price("aws.fargate.x86.vcpu-hour").usd()).isEqualByComparingTo("0.05");
        assertThat(c.price("aws.fargate.x86.vcpu-hour").source()).isEqualTo("my quote");
        assertThat(c.price("heroku.addon.heroku-postgresql:premium-9").source())
                .isEqualTo("prices.json, dated 2026-02-15");
        assertThat(c.price("aws.fargate.x86.gb-hour").usd()).isEqualByComparingTo("0.004445");
        assertThat(c.dated()).isEqualTo("bundled 2026-01; prices.json 2026-02-15");
    }

    @Test
    void refusesPriceFilesItCannotUseAndSaysWhy() throws Exception {
        Path undated = dir.resolve("undated.json");
        Files.writeString(undated, "{\"prices\": [{\"key\": \"aws.alb.hour\", \"usd\": \"0.02\"}]}");
        assertThatThrownBy(() -> PriceCatalog.load(undated))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("field 'dated' is missing");
        Path notANumber = dir.resolve("nan.json");
        Files.writeString(
                notANumber, "{\"dated\": \"x\", \"prices\": [{\"key\": \"aws.alb.hour\", \"usd\": \"cheap\"}]}");
        assertThatThrownBy(() -> PriceCatalog.load(notANumber))
                .hasMessageContaining("prices[0].usd ('cheap', key aws.alb.hour) is not a number");
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"hello\": 1}");
        assertThatThrownBy(() -> PriceCatalog.load(other)).hasMessageContaining("not a price file");
        Path unusable = dir.resolve("AmazonS3.json");
        Files.writeString(
                unusable,
                "{\"offerCode\": \"AmazonS3\", \"products\": {\"A\": {\"productFamily\": \"Storage\", \"attributes\":"
                        + " {\"usagetype\": \"TimedStorage-ByteHrs\"}}}, \"terms\": {\"OnDemand\": {}}}");
        assertThatThrownBy(() -> PriceCatalog.load(unusable))
                .hasMessageContaining("(AmazonS3) with none of the prices liftoff uses");
        assertThatThrownBy(() -> PriceCatalog.load(dir.resolve("missing.json"))).hasMessageContaining("no such file");
        assertThatThrownBy(() -> PriceCatalog.bundled().price("aws.something"))
                .hasMessageContaining("price 'aws.something' is not in the catalog")
                .hasMessageContaining("--prices FILE");
    }
}
