package dev.liftoff.plan;

import static dev.liftoff.plan.Fixtures.app;
import static dev.liftoff.plan.Fixtures.appsInfo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.liftoff.plan.pricing.LineItem;
import dev.liftoff.plan.sizing.Arch;
import dev.liftoff.plan.sizing.Network;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports of other shapes and sizes, each line against hand arithmetic. */
class PlannerSizesTest {
    @TempDir
    Path dir;

    /**
     * A worker-only job runner on Performance-M with a Premium (high-availability) database, a large Key-Value Store
     * and an add-on nothing replaces; priced on ARM in private subnets (NAT). ARM: $0.03238/vCPU-h, $0.00356/GB-h.
     */
    @Test
    void pricesAWorkerOnlyAppOnArmInPrivateSubnets() {
        app(
                dir,
                "py-jobs",
                "apps-info.json",
                appsInfo("py-jobs", "us", null),
                "formation.json",
                "[{\"type\": \"worker\", \"quantity\": 3, \"size\": \"Performance-M\", \"command\": \"celery -A app"
                        + " worker\"}]",
                "addons.json",
                """
                [{"name": "pg-1", "addon_service": {"name": "heroku-postgresql"},
                  "plan": {"name": "heroku-postgresql:premium-0", "price": {"cents": 20000, "unit": "month"}},
                  "config_vars": ["DATABASE_URL"]},
                 {"name": "kv-1", "addon_service": {"name": "heroku-redis"},
                  "plan": {"name": "heroku-redis:premium-7", "price": {"cents": 75000, "unit": "month"}},
                  "config_vars": ["REDIS_URL"]},
                 {"name": "sendgrid-1", "addon_service": {"name": "sendgrid"},
                  "plan": {"name": "sendgrid:bronze", "price": {"cents": 1995, "unit": "month"}},
                  "config_vars": ["SENDGRID_API_KEY"]}]""",
                "config.json",
                "{\"DATABASE_URL\": \"x\", \"REDIS_URL\": \"y\", \"SENDGRID_API_KEY\": \"z\", \"SECRET\": \"s\"}",
                "metrics.json",
                "{\"window_days\": 7, \"processes\": {\"worker\": {\"cpu_load_avg_p95\": 1.5, \"memory_mb_p95\":"
                        + " 2000}}}");
        PlanResult r = Planner.plan(new PlanConfig(dir, null, "us-east-1", List.of(), Arch.ARM, Network.PRIVATE));
        Lines lines = new Lines(r);
        // Heroku: 3 × $250 + $200 + $750 + $19.95
        lines.check("current", "py-jobs", "process worker", "750.00", "3", "3 dynos × $250.00");
        lines.check("current", "py-jobs", "addon sendgrid-1", "19.95", "1", "$19.95 a month");
        assertThat(r.herokuMonthlyUsd()).isEqualByComparingTo("1719.95");

        // worker: 1.5 / 0.7 = 2.14 vCPU → 4 vCPU / 8 GB: 730 × (4 × 0.03238 + 8 × 0.00356) = 115.34 a task;
        // 3 × 1.5 cores / (0.7 × 4) = 1.61 → 2 tasks, up to 4
        LineItem worker = lines.check(
                "right-sized",
                "py-jobs",
                "process worker",
                "230.68",
                "2",
                "2 tasks × 4 vCPU × 730 h × $0.03238 + 2 × 8 GB × 730 h × $0.00356");
        assertThat(worker.name()).contains("(arm)").doesNotContain("ALB");
        assertThat(worker.monthlyMaxUsd()).isEqualByComparingTo("461.36");
        // Premium-0 (4 GB, 120 connections, HA) → db.t4g.medium Multi-AZ: 730 × 0.13 + 2 × 64 GB × 0.115
        LineItem db = lines.check(
                "right-sized", "py-jobs", "postgres pg-1", "109.62", "1", "730 h × $0.13 + 2 × 64 GB × $0.115");
        assertThat(db.name()).contains("db.t4g.medium Multi-AZ");
        // Premium-7 (7 GB, replica) → 2 × cache.r6g.large Valkey (0.206 × 0.8 = 0.1648): 2 × 730 × 0.1648
        lines.check("right-sized", "py-jobs", "redis kv-1", "240.61", "2", "2 nodes × 730 h × $0.1648");
        // no web, no ALB; private: 2 NAT addresses, 2 gateways × 730 × 0.045 + 10 GB × 0.045
        assertThat(r.items()).noneMatch(i -> i.component().equals("load balancer"));
        List<LineItem> network = r.items("aws", "right-sized").stream()
                .filter(i -> i.component().equals("network"))
                .toList();
        assertThat(network)
                .extracting(LineItem::monthlyUsd)
                .map(Object::toString)
                .containsExactly("7.30", "66.15");
        assertThat(network.get(1).basis()).isEqualTo("2 gateways × 730 h × $0.045 + 10 GB × $0.045");
        // the add-on nothing replaces stays at its Heroku price on the AWS side too
        LineItem sendgrid = lines.check(
                "right-sized", "py-jobs", "addon sendgrid-1", "19.95", "1", "not mapped: nothing in the AWS stack");
        assertThat(sendgrid.name()).contains("not mapped");
        lines.check("right-sized", "py-jobs", "logs", "1.06", "2", "2 GB");
        lines.check("right-sized", "py-jobs", "registry", "0.10", "1", "1 × 1 GB");
        // 230.68 + 109.62 + 240.608 + 7.30 + 66.15 + 0.40 + 1.06 + 0.10 + 3.28 + 19.95
        assertThat(r.awsMonthlyUsd()).isEqualByComparingTo("679.15");
        // like-for-like: Performance-M (2 vCPU, 2.5 GB) → 2 vCPU / 4 GB: 730 × (2 × 0.03238 + 4 × 0.00356) = 57.67
        lines.check("like-for-like", "py-jobs", "process worker", "173.01", "3", "3 tasks × 2 vCPU");
        assertThat(r.arch()).isEqualTo("arm");
        assertThat(r.network()).isEqualTo("private");
    }

    /**
     * A dyno larger than any Fargate task, a Basic process, a plan priced only by the catalog, and no metrics at all.
     */
    @Test
    void capsAtFargatesLargestTaskAndFallsBackToTheCatalogAndLikeForLike() {
        app(
                dir,
                "big-api",
                "apps-info.json",
                appsInfo("big-api", "us", "production"),
                "formation.json",
                "[{\"type\": \"web\", \"quantity\": 1, \"size\": \"Performance-2XL\", \"command\": \"./bin/api\"},"
                        + " {\"type\": \"clock\", \"quantity\": 1, \"size\": \"Basic\", \"command\": \"./bin/clock\"}]",
                "addons.json",
                "[{\"name\": \"pg-big\", \"addon_service\": {\"name\": \"heroku-postgresql\"}, \"plan\": {\"name\":"
                        + " \"heroku-postgresql:standard-4\"}, \"config_vars\": [\"DATABASE_URL\"]}]",
                "config.json",
                "{}");
        PlanResult r = Planner.plan(PlanConfig.of(dir));
        Lines lines = new Lines(r);
        lines.check("current", "big-api", "process web", "1500.00", "1", "catalog heroku.dyno.Performance-2XL");
        lines.check("current", "big-api", "process clock", "7.00", "1", "1 dyno × $7.00");
        lines.check(
                "current",
                "big-api",
                "postgres pg-big",
                "750.00",
                "1",
                "catalog heroku.addon.heroku-postgresql:standard-4");
        assertThat(r.herokuMonthlyUsd()).isEqualByComparingTo("2257.00");
        // 16 vCPU / 126 GB → Fargate's largest, 16 vCPU / 120 GB: 730 × (16 × 0.04048 + 120 × 0.004445) = 862.1884
        LineItem web = lines.check(
                "right-sized",
                "big-api",
                "process web",
                "862.19",
                "1",
                "1 task × 16 vCPU × 730 h × $0.04048 + 1 × 120 GB × 730 h × $0.004445");
        assertThat(web.note()).contains("no CPU and memory metrics", "Fargate's largest task (smaller than the dyno)");
        lines.check("right-sized", "big-api", "process clock", "9.01", "1", "0.25 vCPU");
        // Standard-4 (30 GB) → db.t4g.2xlarge: 730 × 0.517 + 768 × 0.115 = 377.41 + 88.32
        lines.check("right-sized", "big-api", "postgres pg-big", "465.73", "1", "730 h × $0.517 + 768 GB × $0.115");
        lines.check("right-sized", "big-api", "network", "14.60", "4", "4 addresses");
        // 862.1884 + 9.010025 + 465.73 + 22.265 + 14.60 + 0.40 + 1.06 + 0.20 + 3.28
        assertThat(r.awsMonthlyUsd()).isEqualByComparingTo("1378.73");
        assertThat(r.awsLikeForLikeMonthlyUsd()).isEqualByComparingTo(r.awsMonthlyUsd());
        assertThat(r.assumptions()).anyMatch(a -> a.contains("right-sized equals like-for-like"));
    }

    @Test
    void crossChecksTheProcfileAndNotesTheReleasePhase() {
        PlanResult r = Planner.plan(new PlanConfig(
                Fixtures.sampleExport(),
                Fixtures.resource("heroku-sample/repo"),
                "eu-west-1",
                List.of(),
                Arch.X86,
                Network.PUBLIC));
        assertThat(r.assumptions())
                .anyMatch(a -> a.contains("release phase ('bundle exec rails db:migrate')"))
                .anyMatch(a -> a.contains("formation.json's 'clock' is not in the Procfile"))
                .anyMatch(a -> a.contains("AWS prices used are another region's")
                        && a.contains("aws.fargate.x86.vcpu-hour (us-east-1)")
                        && a.contains("pass --prices with eu-west-1's AWS Price List files"));
    }
}
