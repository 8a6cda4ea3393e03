package dev.liftoff.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liftoff.plan.pricing.LineItem;
import dev.liftoff.plan.sizing.AppSizing;
import dev.liftoff.plan.sizing.ServiceSize;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared sample export (a Rails app: web 2 × Standard-2X autoscaling 2-6, worker 1 × Standard-1X, clock at 0,
 * Essential-1, Mini, Papertrail and Scheduler), every line against arithmetic done by hand at the catalog's prices:
 * Fargate x86 $0.04048/vCPU-h and $0.004445/GB-h, 730 h.
 */
class PlannerSampleTest {
    static final String APP = "acme-shop";
    static PlanResult result;
    static Lines lines;

    @BeforeAll
    static void plan() {
        result = Planner.plan(PlanConfig.of(Fixtures.sampleExport()));
        lines = new Lines(result);
    }

    @Test
    void billsEveryHerokuLineAtItsPlanPrice() {
        // web: 2 × $50 = $100, autoscaling to 6 × $50 = $300
        LineItem web = lines.check("current", APP, "process web", "100.00", "2", "2 dynos × $50.00 a month");
        assertThat(web.monthlyMaxUsd()).isEqualByComparingTo("300.00");
        assertThat(web.basis()).contains("autoscaling 2–6 dynos: $100.00–$300.00");
        lines.check("current", APP, "process worker", "25.00", "1", "1 dyno × $25.00");
        lines.check("current", APP, "process clock", "0.00", "0", "0 dynos × $7.00");
        lines.check("current", APP, "postgres postgresql-deep-4242", "9.00", "1", "addons.json [0].plan.price");
        lines.check("current", APP, "redis redis-flat-777", "3.00", "1", "addons.json [1].plan.price");
        lines.check("current", APP, "logs", "0.00", "1", "$0.00 a month");
        lines.check("current", APP, "scheduler", "0.00", "1", "$0.00 a month");
        assertThat(lines.count("current", APP)).isEqualTo(7);
        // 100 + 25 + 0 + 9 + 3 + 0 + 0
        assertThat(result.herokuMonthlyUsd()).isEqualByComparingTo("137.00");
        assertThat(result.herokuMonthlyMaxUsd()).isEqualByComparingTo("337.00");
    }

    @Test
    void rightSizesFromTheMetricsWithEveryLineExplained() {
        // web: 0.6 cores / 70% = 0.857 vCPU, 700 MB × 1.3 = 910 MB → 1 vCPU / 2 GB (0.5 vCPU is too little);
        // 2 × 0.6 cores / 0.7 = 1.71 → 2 tasks; autoscaling max 6 dynos × 0.6 / 0.7 = 5.14 → 6.
        // One task: 730 × (1 × 0.04048 + 2 × 0.004445) = 36.0401
        LineItem web = lines.check(
                "right-sized",
                APP,
                "process web",
                "72.08",
                "2",
                "2 tasks × 1 vCPU × 730 h × $0.04048 + 2 × 2 GB × 730 h × $0.004445");
        assertThat(web.monthlyMaxUsd()).isEqualByComparingTo("216.24"); // 6 × 36.0401
        assertThat(web.note()).contains("p95 load 0.6 cores", "1 vCPU / 2 GB", "peak 35 req/s", "autoscaling 2–6");
        // worker: 0.3 / 0.7 = 0.43 vCPU, 420 × 1.3 = 546 MB → 0.5 vCPU / 1 GB; 1 task, up to 2.
        // 730 × (0.5 × 0.04048 + 1 × 0.004445) = 18.02005
        LineItem worker = lines.check(
                "right-sized",
                APP,
                "process worker",
                "18.02",
                "1",
                "1 task × 0.5 vCPU × 730 h × $0.04048 + 1 × 1 GB × 730 h × $0.004445");
        assertThat(worker.monthlyMaxUsd()).isEqualByComparingTo("36.04");
        // Essential-1 → db.t4g.micro: 730 × 0.016 + 20 GB (RDS minimum) × 0.115 = 11.68 + 2.30
        lines.check(
                "right-sized", APP, "postgres postgresql-deep-4242", "13.98", "1", "730 h × $0.016 + 20 GB × $0.115");
        // Mini → 1 × cache.t4g.micro Valkey: 730 × 0.0128
        lines.check("right-sized", APP, "redis redis-flat-777", "9.34", "1", "1 node × 730 h × $0.0128");
        // ALB: 730 × 0.0225 + 1 LCU × 730 × 0.008 = 16.425 + 5.84
        lines.check("right-sized", APP, "load balancer", "22.27", "1", "730 h × $0.0225 + 1 LCU × 730 h × $0.008");
        // 3 tasks + 2 ALB nodes = 5 addresses × 730 × 0.005; at the maximum 6 + 2 + 2 = 10
        LineItem ipv4 = lines.check("right-sized", APP, "network", "18.25", "5", "5 addresses × 730 h × $0.005");
        assertThat(ipv4.monthlyMaxUsd()).isEqualByComparingTo("36.50");
        LineItem secret = lines.check("right-sized", APP, "config", "0.40", "1", "1 secret × $0.40");
        assertThat(secret.name()).contains("3 config vars");
        assertThat(secret.note()).contains("6 config var names", "3 of them replaced");
        // 3 tasks × 1 GB: 3 × 0.50 + 3 × 0.03
        lines.check("right-sized", APP, "logs", "1.59", "3", "3 GB × $0.50 ingested + 3 GB × $0.03 stored");
        lines.check("right-sized", APP, "registry", "0.20", "2", "2 × 1 GB × $0.10");
        // 40 × 10 × 0.005 + 40 × 16 × 0.002 = 2.00 + 1.28
        lines.check(
                "right-sized",
                APP,
                "ci",
                "3.28",
                "40",
                "40 deploys × 10 build-minutes × $0.005 + 40 × 16 action-minutes × $0.002");
        lines.check("right-sized", APP, "scheduler", "0.00", "1", "14 million invocations");
        assertThat(lines.count("right-sized", APP)).isEqualTo(11);
        // 72.0802 + 18.02005 + 13.98 + 9.344 + 22.265 + 18.25 + 0.40 + 1.59 + 0.20 + 3.28 + 0 = 159.40925
        assertThat(result.awsMonthlyUsd()).isEqualByComparingTo("159.41");
        assertThat(result.savingsMonthlyUsd()).isEqualByComparingTo("-22.41");
    }

    @Test
    void likeForLikeMatchesEachDynoWithTheSameCounts() {
        // Standard-2X (0.5 vCPU, 1 GB) → 0.5 vCPU / 1 GB: 2 × 18.02005, autoscaling to 6
        LineItem web = lines.check(
                "like-for-like",
                APP,
                "process web",
                "36.04",
                "2",
                "2 tasks × 0.5 vCPU × 730 h × $0.04048 + 2 × 1 GB × 730 h × $0.004445");
        assertThat(web.monthlyMaxUsd()).isEqualByComparingTo("108.12"); // 6 × 18.02005
        // Standard-1X (0.25 vCPU, 0.5 GB): 730 × (0.25 × 0.04048 + 0.5 × 0.004445) = 9.010025
        lines.check(
                "like-for-like",
                APP,
                "process worker",
                "9.01",
                "1",
                "1 task × 0.25 vCPU × 730 h × $0.04048 + 1 × 0.5 GB × 730 h × $0.004445");
        // 36.0401 + 9.010025 + 13.98 + 9.344 + 22.265 + 18.25 + 0.40 + 1.59 + 0.20 + 3.28
        assertThat(result.awsLikeForLikeMonthlyUsd()).isEqualByComparingTo("114.36");
    }

    @Test
    void leavesTheIdleClockProcessUnpricedAndSaysSo() {
        AppSizing sizing = result.apps().get(0);
        assertThat(sizing.services()).extracting(ServiceSize::process).containsExactly("web", "worker");
        assertThat(result.assumptions()).anyMatch(a -> a.contains("clock runs 0 dynos"));
        assertThat(sizing.services().get(0).requestsPerTargetPerMinute()).isEqualTo(1225); // 20.4167 req/s × 60
    }

    @Test
    void pointsAtTheAwsRegionNearestTheHerokuRegion() {
        assertThat(result.assumptions()).anyMatch(a -> a.contains("Heroku's 'eu' region") && a.contains("eu-west-1"));
        assertThat(result.pricesDated()).isEqualTo("bundled 2026-01");
    }

    @Test
    void sideTotalsAreTheSumOfTheirLinesWithinRounding() {
        assertThat(lines.sum("current")).isEqualByComparingTo(result.herokuMonthlyUsd());
        assertThat(lines.sum("right-sized").subtract(result.awsMonthlyUsd()).abs())
                .isLessThanOrEqualTo(new java.math.BigDecimal("0.05"));
    }
}
