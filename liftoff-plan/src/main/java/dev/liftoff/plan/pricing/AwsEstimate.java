package dev.liftoff.plan.pricing;

import dev.liftoff.plan.heroku.Addon;
import dev.liftoff.plan.heroku.HerokuApp;
import dev.liftoff.plan.heroku.ProcessMetrics;
import dev.liftoff.plan.sizing.AppSizing;
import dev.liftoff.plan.sizing.Arch;
import dev.liftoff.plan.sizing.CacheSize;
import dev.liftoff.plan.sizing.DatabaseSize;
import dev.liftoff.plan.sizing.Network;
import dev.liftoff.plan.sizing.ServiceSize;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The AWS side: what one app's sized stack costs a month, line by line. Services on Fargate, RDS, ElastiCache, the
 * load balancer, public IPv4 addresses and NAT gateways (the costs people forget), Secrets Manager, CloudWatch Logs,
 * ECR, CodePipeline and CodeBuild, EventBridge Scheduler for Heroku Scheduler, and add-ons nothing replaces at their
 * Heroku price. Where the export does not say (log volume, deploys), the line's note states the assumption. Stateless.
 */
public final class AwsEstimate {
    public static final String PLATFORM = "aws";
    /** Log volume per task a month when the export does not give one. */
    public static final int LOG_GB_PER_TASK = 1;
    /** Image storage per repository: a lifecycle policy keeps the last images, whose layers mostly overlap. */
    public static final int ECR_GB_PER_REPOSITORY = 1;
    /** Deploys a month (two a working day). */
    public static final int DEPLOYS_PER_MONTH = 40;
    /** CodeBuild minutes per deploy: one build of every process image. */
    public static final int BUILD_MINUTES_PER_DEPLOY = 10;
    /** CodePipeline action-minutes per deploy: source, build and the ECS deploy actions. */
    public static final int ACTION_MINUTES_PER_DEPLOY = 16;
    /** Traffic through the NAT gateways a month (package downloads, outbound API calls). */
    public static final int NAT_GB_PER_MONTH = 10;
    /** Requests a second one LCU carries: 25 new connections a second at about 4 requests per connection. */
    public static final int REQUESTS_PER_SECOND_PER_LCU = 100;
    /** Availability zones the network spans. */
    public static final int ZONES = 2;

    private AwsEstimate() {}

    /**
     * The lines for one app in one sizing option.
     *
     * @param herokuPrices the Heroku price of each add-on nothing replaces, by component
     */
    public static List<LineItem> lines(
            HerokuApp app,
            AppSizing sizing,
            PriceBook prices,
            Arch arch,
            Network network,
            Map<String, BigDecimal> herokuPrices) {
        Lines out = new Lines(
                app.name(), sizing.option(), BigDecimal.valueOf(prices.catalog().hoursPerMonth()));
        Price vcpu = prices.price("aws.fargate." + arch.key() + ".vcpu-hour");
        Price gb = prices.price("aws.fargate." + arch.key() + ".gb-hour");
        for (ServiceSize s : sizing.services()) {
            out.service(s, vcpu, gb, arch);
        }
        for (DatabaseSize d : sizing.databases()) {
            out.database(d, prices);
        }
        for (CacheSize c : sizing.caches()) {
            out.cache(c, prices);
        }
        int maxTasks =
                sizing.services().stream().mapToInt(ServiceSize::maxCount).sum();
        if (sizing.hasWeb()) {
            ProcessMetrics web = app.metrics().process("web");
            out.loadBalancer(web == null ? null : web.requestsPerSecondPeak(), prices);
        }
        out.network(sizing, maxTasks, network, prices);
        out.secrets(app, prices);
        out.logs(app, sizing, prices);
        out.registry(sizing, prices);
        out.delivery(prices);
        for (Addon a : app.addons()) {
            switch (a.kind()) {
                case SCHEDULER -> out.scheduler(a);
                case NOT_MAPPED -> out.notMapped(a, herokuPrices.get(HerokuBill.component(a)));
                default -> {}
            }
        }
        return out.lines;
    }

    /** Accumulates one app's lines. */
    private static final class Lines {
        final String app;
        final String option;
        final BigDecimal hours;
        final List<LineItem> lines = new ArrayList<>();

        Lines(String app, String option, BigDecimal hours) {
            this.app = app;
            this.option = option;
            this.hours = hours;
        }

        void add(
                String component,
                String name,
                BigDecimal quantity,
                String unit,
                BigDecimal monthly,
                BigDecimal max,
                String basis,
                String note) {
            BigDecimal unitUsd =
                    quantity.signum() == 0 ? BigDecimal.ZERO : monthly.divide(quantity, 8, RoundingMode.HALF_UP);
            lines.add(new LineItem(
                    PLATFORM, option, app, component, name, quantity, unit, unitUsd, monthly, max, basis, note));
        }

        String h() {
            return Money.number(hours) + " h";
        }

        void service(ServiceSize s, Price vcpu, Price gb, Arch arch) {
            BigDecimal v = s.size().vcpu();
            BigDecimal m = s.size().memoryGb();
            BigDecimal perTask =
                    v.multiply(hours).multiply(vcpu.usd()).add(m.multiply(hours).multiply(gb.usd()));
            BigDecimal n = BigDecimal.valueOf(s.count());
            BigDecimal monthly = n.multiply(perTask);
            BigDecimal max = BigDecimal.valueOf(s.maxCount()).multiply(perTask);
            String tasks = s.count() + (s.count() == 1 ? " task" : " tasks");
            String basis = tasks + " × " + Money.number(v) + " vCPU × " + h() + " × " + Money.price(vcpu.usd()) + " + "
                    + s.count() + " × " + Money.number(m) + " GB × " + h() + " × " + Money.price(gb.usd());
            if (s.maxCount() > s.count()) {
                basis += "; at the autoscaling maximum of " + s.maxCount() + " tasks: " + Money.format(max);
            }
            add(
                    "process " + s.process(),
                    s.process() + ": " + s.count() + " × Fargate " + s.size() + " (" + arch.key() + ")"
                            + (s.web() ? ", behind the ALB" : ""),
                    n,
                    "task-month",
                    monthly,
                    max,
                    basis,
                    s.rationale());
        }

        void database(DatabaseSize d, PriceBook prices) {
            Price instance =
                    prices.price("aws.rds.postgres." + (d.multiAz() ? "multi-az." : "single-az.") + d.instanceClass());
            Price storage = prices.price("aws.rds.gp3.gb-month");
            BigDecimal copies = d.multiAz() ? BigDecimal.valueOf(2) : BigDecimal.ONE;
            BigDecimal gbMonths = BigDecimal.valueOf(d.storageGb()).multiply(copies);
            BigDecimal monthly = hours.multiply(instance.usd()).add(gbMonths.multiply(storage.usd()));
            String basis = h() + " × " + Money.price(instance.usd()) + " + " + (d.multiAz() ? "2 × " : "")
                    + d.storageGb() + " GB × " + Money.price(storage.usd());
            add(
                    "postgres " + d.addon(),
                    "RDS PostgreSQL " + d.instanceClass() + (d.multiAz() ? " Multi-AZ" : " Single-AZ") + ", "
                            + d.storageGb() + " GB gp3",
                    BigDecimal.ONE,
                    "instance-month",
                    monthly,
                    null,
                    basis,
                    d.rationale());
        }

        void cache(CacheSize c, PriceBook prices) {
            Price node = prices.price("aws.elasticache." + c.engine() + "." + c.nodeType());
            BigDecimal n = BigDecimal.valueOf(c.nodes());
            BigDecimal monthly = n.multiply(hours).multiply(node.usd());
            add(
                    "redis " + c.addon(),
                    "ElastiCache " + (c.engine().equals("valkey") ? "Valkey" : "Redis") + " " + c.nodes() + " × "
                            + c.nodeType(),
                    n,
                    "node-month",
                    monthly,
                    null,
                    c.nodes() + (c.nodes() == 1 ? " node" : " nodes") + " × " + h() + " × " + Money.price(node.usd()),
                    c.rationale());
        }

        void loadBalancer(Double peakRps, PriceBook prices) {
            Price hour = prices.price("aws.alb.hour");
            Price lcu = prices.price("aws.alb.lcu-hour");
            int lcus = peakRps == null ? 1 : Math.max(1, (int) Math.ceil(peakRps / REQUESTS_PER_SECOND_PER_LCU));
            BigDecimal monthly = hours.multiply(hour.usd())
                    .add(BigDecimal.valueOf(lcus).multiply(hours).multiply(lcu.usd()));
            String note = peakRps == null
                    ? "assumed 1 LCU (25 new connections/s, 3,000 active connections, 1 GB/h): the export has no"
                            + " request rate"
                    : lcus + " LCU for a peak of " + Money.number(BigDecimal.valueOf(peakRps)) + " req/s (one LCU per "
                            + REQUESTS_PER_SECOND_PER_LCU + " req/s: 25 new connections/s at ~4 requests each)";
            add(
                    "load balancer",
                    "Application Load Balancer (HTTPS, " + ZONES + " AZs)",
                    BigDecimal.ONE,
                    "ALB-month",
                    monthly,
                    null,
                    h() + " × " + Money.price(hour.usd()) + " + " + lcus + " LCU × " + h() + " × "
                            + Money.price(lcu.usd()),
                    note);
        }

        void network(AppSizing sizing, int maxTasks, Network network, PriceBook prices) {
            Price ipv4 = prices.price("aws.ipv4.hour");
            int albAddresses = sizing.hasWeb() ? ZONES : 0;
            int steady;
            int top;
            String note;
            if (network == Network.PUBLIC) {
                steady = sizing.steadyTasks() + albAddresses;
                top = maxTasks + albAddresses;
                note = "tasks run in public subnets with a public IPv4 address each (inbound only from the ALB), so"
                        + " no NAT gateway: one address per task"
                        + (albAddresses > 0 ? " and one per ALB node in each of " + ZONES + " AZs" : "");
            } else {
                steady = ZONES + albAddresses;
                top = steady;
                note = "tasks run in private subnets: one address per NAT gateway"
                        + (albAddresses > 0 ? " and one per ALB node" : "") + ", in each of " + ZONES + " AZs";
            }
            BigDecimal perAddress = hours.multiply(ipv4.usd());
            BigDecimal monthly = BigDecimal.valueOf(steady).multiply(perAddress);
            BigDecimal max = BigDecimal.valueOf(top).multiply(perAddress);
            String basis =
                    steady + (steady == 1 ? " address" : " addresses") + " × " + h() + " × " + Money.price(ipv4.usd());
            if (top > steady) {
                basis += "; " + top + " at the autoscaling maximum: " + Money.format(max);
            }
            add(
                    "network",
                    "public IPv4 addresses",
                    BigDecimal.valueOf(steady),
                    "address-month",
                    monthly,
                    max,
                    basis,
                    note);
            if (network == Network.PRIVATE) {
                Price nat = prices.price("aws.nat.hour");
                Price natGb = prices.price("aws.nat.gb");
                BigDecimal natMonthly = BigDecimal.valueOf(ZONES)
                        .multiply(hours)
                        .multiply(nat.usd())
                        .add(BigDecimal.valueOf(NAT_GB_PER_MONTH).multiply(natGb.usd()));
                add(
                        "network",
                        "NAT gateways (one per AZ)",
                        BigDecimal.valueOf(ZONES),
                        "gateway-month",
                        natMonthly,
                        null,
                        ZONES + " gateways × " + h() + " × " + Money.price(nat.usd()) + " + " + NAT_GB_PER_MONTH
                                + " GB × " + Money.price(natGb.usd()),
                        "assumed " + NAT_GB_PER_MONTH + " GB a month through the gateways (outbound calls, package"
                                + " downloads); --network public avoids the gateways");
            }
        }

        void secrets(HerokuApp app, PriceBook prices) {
            Price secret = prices.price("aws.secretsmanager.secret-month");
            Price calls = prices.price("aws.secretsmanager.10k-calls");
            long replaced =
                    app.configVarNames().stream().filter(app::replacedByStack).count();
            int kept = app.configVarNames().size() - (int) replaced;
            add(
                    "config",
                    "Secrets Manager: 1 secret with " + kept + " config vars",
                    BigDecimal.ONE,
                    "secret-month",
                    secret.usd(),
                    null,
                    "1 secret × " + Money.price(secret.usd()) + " a month",
                    app.configVarNames().size() + " config var names in the export, " + replaced
                            + " of them replaced by the new stack's own (database, Redis and log add-on vars, HEROKU_*); ECS reads the"
                            + " secret at each task start, far under 10,000 calls a month ("
                            + Money.price(calls.usd()) + " per 10,000)");
        }

        void logs(HerokuApp app, AppSizing sizing, PriceBook prices) {
            Price ingest = prices.price("aws.logs.ingest-gb");
            Price stored = prices.price("aws.logs.storage-gb-month");
            Double known = app.metrics().logVolumeGbPerMonth();
            BigDecimal gb = known != null
                    ? BigDecimal.valueOf(known)
                    : BigDecimal.valueOf((long) sizing.steadyTasks() * LOG_GB_PER_TASK);
            BigDecimal monthly = gb.multiply(ingest.usd()).add(gb.multiply(stored.usd()));
            String note = known != null
                    ? "log volume from metrics.json (log_volume_gb_per_month)"
                    : "assumed " + LOG_GB_PER_TASK + " GB of logs per task a month ("
                            + sizing.steadyTasks() + " tasks): the export has no log volume; set"
                            + " log_volume_gb_per_month in metrics.json";
            add(
                    "logs",
                    "CloudWatch Logs (30-day retention)",
                    gb,
                    "GB-month",
                    monthly,
                    null,
                    Money.number(gb) + " GB × " + Money.price(ingest.usd()) + " ingested + " + Money.number(gb)
                            + " GB × " + Money.price(stored.usd()) + " stored",
                    note);
        }

        void registry(AppSizing sizing, PriceBook prices) {
            Price ecr = prices.price("aws.ecr.gb-month");
            int repos = sizing.services().size();
            if (repos == 0) {
                return;
            }
            BigDecimal gb = BigDecimal.valueOf((long) repos * ECR_GB_PER_REPOSITORY);
            add(
                    "registry",
                    "ECR: " + repos + (repos == 1 ? " repository" : " repositories"),
                    BigDecimal.valueOf(repos),
                    "repository-month",
                    gb.multiply(ecr.usd()),
                    null,
                    repos + " × " + ECR_GB_PER_REPOSITORY + " GB × " + Money.price(ecr.usd()),
                    "assumed " + ECR_GB_PER_REPOSITORY + " GB per process image repository (a lifecycle policy keeps"
                            + " the last images; their layers overlap)");
        }

        void delivery(PriceBook prices) {
            Price build = prices.price("aws.codebuild.general1-small.minute");
            Price action = prices.price("aws.codepipeline.action-minute");
            BigDecimal deploys = BigDecimal.valueOf(DEPLOYS_PER_MONTH);
            BigDecimal monthly = deploys.multiply(BigDecimal.valueOf(BUILD_MINUTES_PER_DEPLOY))
                    .multiply(build.usd())
                    .add(deploys.multiply(BigDecimal.valueOf(ACTION_MINUTES_PER_DEPLOY))
                            .multiply(action.usd()));
            add(
                    "ci",
                    "CodePipeline V2 + CodeBuild",
                    deploys,
                    "deploy",
                    monthly,
                    null,
                    DEPLOYS_PER_MONTH + " deploys × " + BUILD_MINUTES_PER_DEPLOY + " build-minutes × "
                            + Money.price(build.usd()) + " + " + DEPLOYS_PER_MONTH + " × " + ACTION_MINUTES_PER_DEPLOY
                            + " action-minutes × " + Money.price(action.usd()),
                    "assumed " + DEPLOYS_PER_MONTH + " deploys a month (two a working day); free tiers left out:"
                            + " they are per account");
        }

        void scheduler(Addon a) {
            add(
                    "scheduler",
                    "EventBridge Scheduler rules running ECS tasks",
                    BigDecimal.ONE,
                    "month",
                    BigDecimal.ZERO,
                    null,
                    "the first 14 million invocations a month are free; Heroku Scheduler runs a job at most every"
                            + " 10 minutes (4,464 a month)",
                    "replaces " + a.plan() + "; each job runs as a one-off task of the web image (seconds of"
                            + " Fargate time)");
        }

        void notMapped(Addon a, BigDecimal herokuPrice) {
            BigDecimal usd = herokuPrice == null ? BigDecimal.ZERO : herokuPrice;
            add(
                    HerokuBill.component(a),
                    a.plan() + " (not mapped: kept with the vendor)",
                    BigDecimal.ONE,
                    "month",
                    usd,
                    null,
                    "not mapped: nothing in the AWS stack replaces " + a.service() + "; priced at its Heroku price "
                            + Money.format(usd) + " a month",
                    "sign up with the vendor directly (most sell the same plan outside Heroku) or replace it;"
                            + " its config vars " + a.configVars() + " move into the secret");
        }
    }
}
