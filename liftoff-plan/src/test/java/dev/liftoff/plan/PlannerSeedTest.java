package dev.liftoff.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liftoff.core.report.Json;
import dev.liftoff.plan.pricing.LineItem;
import dev.liftoff.plan.report.PlanReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The export shaped like the seed's app: Heroku must come to the $2,315 a month the seed paid, and the right-sized AWS
 * stack to about the $400 it moved to, every item explained. Prices: the bundled catalog.
 */
class PlannerSeedTest {
    static final String PROD = "seed-shop";
    static final String STAGING = "seed-shop-staging";
    static PlanResult result;
    static Lines lines;

    @BeforeAll
    static void plan() {
        result = Planner.plan(PlanConfig.of(Fixtures.seedExport()));
        lines = new Lines(result);
    }

    @Test
    void billsTheSeedsTwoThousandThreeHundredFifteenDollars() {
        // 2 × $500 web (dyno-sizes.json cost), autoscaling to 10 × $500
        LineItem web = lines.check("current", PROD, "process web", "1000.00", "2", "(price: dyno-sizes.json cost)");
        assertThat(web.monthlyMaxUsd()).isEqualByComparingTo("5000.00");
        lines.check("current", PROD, "process worker", "1000.00", "2", "2 dynos × $500.00 a month");
        lines.check("current", PROD, "postgres postgresql-solid-12345", "200.00", "1", "plan.price");
        // the billed price ($100) wins over the plan's list price ($120)
        lines.check("current", PROD, "redis redis-round-67890", "100.00", "1", "addons.json [1].billed_price");
        lines.check("current", PROD, "logs", "5.00", "1", "$5.00 a month");
        lines.check("current", STAGING, "process web", "0.00", "1", "Eco dyno pool");
        lines.check("current", STAGING, "process worker", "0.00", "1", "Eco dyno pool");
        lines.check("current", STAGING, "postgres postgresql-tiny-2468", "5.00", "1", "plan.price");
        // one $5 pool for the account's 2 Eco dynos: 2 × 730 h = 1,460 dyno-hours, more than the pool holds
        LineItem pool = lines.check("current", STAGING, "eco pool", "5.00", "1", "2 dynos × 730 h = 1,460 dyno-hours");
        assertThat(pool.basis()).contains("sleep when the pool runs out");
        // 1,000 + 1,000 + 200 + 100 + 5 + 5 + 5
        assertThat(result.herokuMonthlyUsd()).isEqualByComparingTo("2315.00");
        assertThat(result.herokuMonthlyMaxUsd()).isEqualByComparingTo("6315.00");
    }

    @Test
    void rightSizesProductionToAboutFourHundredDollarsWithEveryItemExplained() {
        // web: 0.6 cores, 1,100 MB → 1 vCPU / 2 GB; 2 tasks (60 req/s ÷ 35 per task); up to 9 (10 dynos × 0.6 / 0.7)
        LineItem web = lines.check(
                "right-sized",
                PROD,
                "process web",
                "72.08",
                "2",
                "2 tasks × 1 vCPU × 730 h × $0.04048 + 2 × 2 GB × 730 h × $0.004445");
        assertThat(web.monthlyMaxUsd()).isEqualByComparingTo("324.36"); // 9 × 36.0401
        assertThat(web.note()).contains("peak 60 req/s ÷ 35 req/s per task", "autoscaling 2–9");
        // worker: 0.4 cores, 800 MB → 1 vCPU / 2 GB; 2 × 0.4 / 0.7 = 1.14 → 2 tasks
        lines.check("right-sized", PROD, "process worker", "72.08", "2", "2 tasks × 1 vCPU");
        // Standard-2 (8 GB, 400 connections, 256 GB) → db.t4g.large: 730 × 0.129 + 256 × 0.115 = 94.17 + 29.44
        LineItem db = lines.check(
                "right-sized",
                PROD,
                "postgres postgresql-solid-12345",
                "123.61",
                "1",
                "730 h × $0.129 + 256 GB × $0.115");
        assertThat(db.name()).contains("db.t4g.large Single-AZ");
        // Premium-3 (500 MB, replica) → 2 × cache.t4g.micro Valkey: 2 × 730 × 0.0128
        lines.check("right-sized", PROD, "redis redis-round-67890", "18.69", "2", "2 nodes × 730 h × $0.0128");
        lines.check("right-sized", PROD, "load balancer", "22.27", "1", "1 LCU");
        // 4 tasks + 2 ALB nodes
        lines.check("right-sized", PROD, "network", "21.90", "6", "6 addresses × 730 h × $0.005");
        lines.check("right-sized", PROD, "config", "0.40", "1", "1 secret");
        lines.check("right-sized", PROD, "logs", "2.12", "4", "4 GB × $0.50");
        lines.check("right-sized", PROD, "registry", "0.20", "2", "2 × 1 GB");
        lines.check("right-sized", PROD, "ci", "3.28", "40", "40 deploys");
        // staging has no metrics: like-for-like, Eco → 0.25 vCPU / 0.5 GB, 730 × 0.0123425 = 9.010025 each
        lines.check("right-sized", STAGING, "process web", "9.01", "1", "1 task × 0.25 vCPU");
        lines.check("right-sized", STAGING, "process worker", "9.01", "1", "1 task × 0.25 vCPU");
        lines.check("right-sized", STAGING, "postgres postgresql-tiny-2468", "13.98", "1", "20 GB × $0.115");
        lines.check("right-sized", STAGING, "network", "14.60", "4", "4 addresses");
        lines.check("right-sized", STAGING, "logs", "1.06", "2", "2 GB × $0.50");
        // production 336.6234 + staging 73.80505
        assertThat(result.awsMonthlyUsd()).isEqualByComparingTo("410.43");
        assertThat(result.awsMonthlyUsd()).isBetween(new java.math.BigDecimal("350"), new java.math.BigDecimal("450"));
        assertThat(result.items(dev.liftoff.plan.pricing.AwsEstimate.PLATFORM, "right-sized"))
                .allSatisfy(i -> assertThat(i.basis()).isNotBlank());
        assertThat(result.savingsMonthlyUsd()).isEqualByComparingTo("1904.57");
    }

    @Test
    void likeForLikeMatchesPerformanceLDynosWithEightVcpuTasks() {
        // Performance-L (8 vCPU, 14 GB) → 8 vCPU / 16 GB: 730 × (8 × 0.04048 + 16 × 0.004445) = 288.3208 each
        LineItem web = lines.check(
                "like-for-like",
                PROD,
                "process web",
                "576.64",
                "2",
                "2 tasks × 8 vCPU × 730 h × $0.04048 + 2 × 16 GB × 730 h × $0.004445");
        assertThat(web.monthlyMaxUsd()).isEqualByComparingTo("2883.21"); // 10 × 288.3208
        lines.check("like-for-like", PROD, "process worker", "576.64", "2", "8 vCPU");
        // 1,345.7462 + 73.80505
        assertThat(result.awsLikeForLikeMonthlyUsd()).isEqualByComparingTo("1419.55");
    }

    @Test
    void neverWritesAConfigValueIntoAnyOutput() {
        String all = Json.toJson(result) + PlanReport.text(result) + PlanReport.markdown(result);
        assertThat(all)
                .doesNotContain("fake-db-password", "fake-redis-password", "fake-session-secret", "sk_test_fake")
                .doesNotContain("fake-papertrail-token", "fake-staging", "sentry.example.com");
    }

    @Test
    void writesTheJsonFieldsScriptsDependOn() throws Exception {
        var json = Json.mapper().readTree(Json.toJson(result));
        assertThat(json.get("heroku_monthly_usd").decimalValue()).isEqualByComparingTo("2315.00");
        assertThat(json.get("aws_monthly_usd").decimalValue()).isEqualByComparingTo("410.43");
        assertThat(json.get("aws_like_for_like_monthly_usd").decimalValue()).isEqualByComparingTo("1419.55");
        assertThat(json.get("prices_dated").asText()).isEqualTo("bundled 2026-01");
        assertThat(json.get("assumptions").size()).isGreaterThan(3);
        var item = json.get("items").get(0);
        assertThat(item.has("platform") && item.has("name") && item.has("quantity") && item.has("unit_usd"))
                .isTrue();
        assertThat(item.has("monthly_usd") && item.has("basis")).isTrue();
        assertThat(json.get("prices").get(0).get("source").asText()).isNotBlank();
        assertThat(Json.toJson(result)).doesNotContainPattern("\\dE[+-]\\d");
    }

    @Test
    void rendersTheSideBySideTableAndTheMarkdownReport() {
        String text = PlanReport.text(result);
        assertThat(text)
                .contains("AWS like-for-like", "AWS right-sized", "$2,315.00 … $6,315.00", "$410.43")
                .contains("Saves $1,904.57 a month (82%)")
                .contains("seed-shop          process web");
        String md = PlanReport.markdown(result);
        assertThat(md)
                .contains(
                        "| seed-shop | process web | $1,000.00 … $5,000.00 | $576.64 … $2,883.21 | $72.08 … $324.36 |")
                .contains("## Prices used", "`aws.fargate.x86.vcpu-hour` | 0.04048");
    }
}
