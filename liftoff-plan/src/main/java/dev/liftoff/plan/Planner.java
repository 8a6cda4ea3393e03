package dev.liftoff.plan;

import dev.liftoff.plan.aws.AwsRegions;
import dev.liftoff.plan.heroku.Formation;
import dev.liftoff.plan.heroku.HerokuApp;
import dev.liftoff.plan.heroku.HerokuExport;
import dev.liftoff.plan.heroku.Procfile;
import dev.liftoff.plan.pricing.AwsEstimate;
import dev.liftoff.plan.pricing.HerokuBill;
import dev.liftoff.plan.pricing.LineItem;
import dev.liftoff.plan.pricing.Money;
import dev.liftoff.plan.pricing.PriceBook;
import dev.liftoff.plan.pricing.PriceCatalog;
import dev.liftoff.plan.sizing.AppSizing;
import dev.liftoff.plan.sizing.Network;
import dev.liftoff.plan.sizing.Sizer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Prices a move off Heroku: reads the export, bills the Heroku side, sizes each app's AWS stack like-for-like and
 * right-sized, prices both, and says what every figure assumes. The recommended option is the right-sized one (equal
 * to like-for-like where the export has no metrics). Reads files only; blocking; thread-safe (no shared state).
 */
public final class Planner {
    private Planner() {}

    /** The comparison for the configured export; bad input is a usage error naming the file and field. */
    public static PlanResult plan(PlanConfig config) {
        List<HerokuApp> apps = HerokuExport.read(config.herokuExport());
        PriceCatalog catalog = PriceCatalog.bundled();
        for (Path file : config.priceFiles()) {
            catalog = catalog.overriddenBy(PriceCatalog.load(file));
        }
        PriceBook prices = new PriceBook(catalog);
        List<LineItem> heroku = HerokuBill.lines(apps, prices);
        Map<String, Map<String, BigDecimal>> herokuPrices = new HashMap<>();
        for (LineItem l : heroku) {
            herokuPrices.computeIfAbsent(l.app(), a -> new HashMap<>()).put(l.component(), l.monthlyUsd());
        }
        String arch = config.arch().key();
        Sizer sizer = new Sizer(
                prices.price("aws.fargate." + arch + ".vcpu-hour").usd(),
                prices.price("aws.fargate." + arch + ".gb-hour").usd());
        List<LineItem> right = new ArrayList<>();
        List<LineItem> like = new ArrayList<>();
        List<AppSizing> recommended = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        for (HerokuApp app : apps) {
            Map<String, BigDecimal> appPrices = herokuPrices.getOrDefault(app.name(), Map.of());
            AppSizing likeSizing = sizer.likeForLike(app);
            AppSizing rightSizing = sizer.rightSized(app);
            like.addAll(AwsEstimate.lines(app, likeSizing, prices, config.arch(), config.network(), appPrices));
            right.addAll(AwsEstimate.lines(app, rightSizing, prices, config.arch(), config.network(), appPrices));
            recommended.add(rightSizing);
            notes.addAll(likeSizing.notes());
            notes.addAll(rightSizing.notes());
        }
        List<String> assumptions = assumptions(config, apps, catalog);
        List<String> elsewhere = prices.used().stream()
                .filter(p -> !p.region().isEmpty() && !p.region().equals(config.region()))
                .map(p -> p.key() + " (" + p.region() + ")")
                .toList();
        if (!elsewhere.isEmpty()) {
            assumptions.add(
                    1,
                    elsewhere.size() + " of the AWS prices used are another region's, which differ by a"
                            + " few percent: " + String.join(", ", elsewhere) + "; pass --prices with "
                            + config.region()
                            + "'s AWS Price List files to price them exactly.");
        }
        assumptions.addAll(notes);
        BigDecimal herokuTotal = sum(heroku, LineItem::monthlyUsd);
        BigDecimal awsTotal = sum(right, LineItem::monthlyUsd);
        List<LineItem> items = new ArrayList<>();
        heroku.forEach(l -> items.add(l.rounded()));
        right.forEach(l -> items.add(l.rounded()));
        like.forEach(l -> items.add(l.rounded()));
        return new PlanResult(
                catalog.dated(),
                config.region(),
                arch,
                config.network().name().toLowerCase(Locale.ROOT),
                Sizer.RIGHT_SIZED,
                Money.cents(herokuTotal),
                Money.cents(sum(heroku, LineItem::monthlyMaxUsd)),
                Money.cents(awsTotal),
                Money.cents(sum(right, LineItem::monthlyMaxUsd)),
                Money.cents(sum(like, LineItem::monthlyUsd)),
                Money.cents(sum(like, LineItem::monthlyMaxUsd)),
                Money.cents(herokuTotal.subtract(awsTotal)),
                recommended,
                items,
                assumptions,
                prices.used());
    }

    private static BigDecimal sum(List<LineItem> items, Function<LineItem, BigDecimal> amount) {
        return items.stream().map(amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static List<String> assumptions(PlanConfig config, List<HerokuApp> apps, PriceCatalog catalog) {
        List<String> a = new ArrayList<>();
        a.add("Prices: " + catalog.dated() + "; on-demand list prices, " + catalog.hoursPerMonth()
                + " hours a month, before tax, without free tiers, Savings Plans or reserved instances"
                + " (each item's source is under 'prices').");
        for (HerokuApp app : apps) {
            String nearest = AwsRegions.nearestTo(app.herokuRegion());
            if (!app.herokuRegion().isBlank() && !nearest.equals(config.region())) {
                a.add(app.name() + " runs in Heroku's '" + app.herokuRegion() + "' region; " + nearest
                        + " is the AWS region nearest its users and data (--region " + nearest + ").");
            }
        }
        a.add(
                config.network() == Network.PUBLIC
                        ? "Network: tasks in public subnets with public IPv4 addresses and security groups that admit only"
                                + " the load balancer, so no NAT gateway; databases and caches in private subnets."
                                + " --network private adds a NAT gateway per AZ."
                        : "Network: tasks in private subnets behind a NAT gateway in each of 2 AZs.");
        a.add("Right-sized: p95 CPU at " + Sizer.CPU_TARGET_PERCENT + "% of the task's vCPUs, p95 memory plus "
                + Sizer.MEMORY_HEADROOM_PERCENT + "%, counts from the peak load; databases and caches keep their"
                + " Heroku plan's size (the export has no database metrics).");
        a.add("Not priced on either side: data transfer to the internet (Heroku includes it; AWS charges $0.09/GB"
                + " after the first 100 GB a month), backups beyond RDS's free allowance, support plans.");
        if (apps.stream().allMatch(app -> app.metrics().processes().isEmpty())) {
            a.add("No app has metrics.json, so right-sized equals like-for-like; export with metrics or write"
                    + " metrics.json (p95 CPU load, p95 memory, peak requests a second per process) to right-size.");
        }
        if (config.repo() != null) {
            Procfile procfile = Procfile.read(config.repo());
            procfile.release()
                    .ifPresent(cmd -> a.add("Procfile release phase ('" + cmd + "') runs as a one-off task"
                            + " before each deploy: seconds of Fargate time, not priced."));
            for (HerokuApp app : apps) {
                for (String type : procfile.services().keySet()) {
                    if (app.process(type).isEmpty()) {
                        a.add(app.name() + ": the Procfile's '" + type + "' is not in formation.json; it is not"
                                + " priced.");
                    }
                }
                for (Formation f : app.formation()) {
                    if (!procfile.processes().containsKey(f.type())) {
                        a.add(app.name() + ": formation.json's '" + f.type() + "' is not in the Procfile at "
                                + procfile.file() + ".");
                    }
                }
            }
        }
        return a;
    }
}
