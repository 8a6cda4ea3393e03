package dev.liftoff.plan.pricing;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.plan.heroku.Addon;
import dev.liftoff.plan.heroku.Autoscaling;
import dev.liftoff.plan.heroku.Formation;
import dev.liftoff.plan.heroku.HerokuApp;
import dev.liftoff.plan.heroku.HerokuExport;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Heroku side: what the apps cost now. Dynos by size and quantity (the export's own dyno prices first, then the
 * catalog), the account's Eco pool once ($5 for 1,000 dyno-hours shared by every Eco dyno), each add-on at the price
 * its plan carries in the export (billed price first), else the catalog's. Autoscaled processes get a maximum at the
 * top of their range. Stateless.
 */
public final class HerokuBill {
    public static final String PLATFORM = "heroku";
    public static final String OPTION = "current";
    private static final BigDecimal ECO_POOL_HOURS = BigDecimal.valueOf(1000);

    private HerokuBill() {}

    /** Every line of the bill for these apps; a dyno or add-on without any price is a usage error naming it. */
    public static List<LineItem> lines(List<HerokuApp> apps, PriceBook prices) {
        List<LineItem> lines = new ArrayList<>();
        BigDecimal hours = BigDecimal.valueOf(prices.catalog().hoursPerMonth());
        int ecoDynos = 0;
        String ecoApp = null;
        for (HerokuApp app : apps) {
            for (Formation f : app.formation()) {
                if (f.size().eco()) {
                    ecoDynos += f.quantity();
                    if (ecoApp == null && f.quantity() > 0) {
                        ecoApp = app.name();
                    }
                    lines.add(new LineItem(
                            PLATFORM,
                            OPTION,
                            app.name(),
                            "process " + f.type(),
                            f.type() + ": " + f.quantity() + " × Eco",
                            BigDecimal.valueOf(f.quantity()),
                            "dyno-month",
                            BigDecimal.ZERO,
                            BigDecimal.ZERO,
                            null,
                            "billed through the account's Eco dyno pool (its own line)",
                            ""));
                    continue;
                }
                lines.add(dynoLine(app, f, prices));
            }
            for (Addon a : app.addons()) {
                lines.add(addonLine(app, a, prices));
            }
        }
        if (ecoDynos > 0) {
            Price pool = prices.price("heroku.dyno.Eco");
            BigDecimal used = hours.multiply(BigDecimal.valueOf(ecoDynos));
            String fit = used.compareTo(ECO_POOL_HOURS) <= 0
                    ? " fit in it"
                    : " > 1,000: Eco dynos sleep when the pool runs out (web dynos also sleep after 30 idle"
                            + " minutes); Heroku sells no more hours";
            lines.add(new LineItem(
                    PLATFORM,
                    OPTION,
                    ecoApp,
                    "eco pool",
                    "Eco dyno pool (" + ecoDynos + (ecoDynos == 1 ? " Eco dyno" : " Eco dynos") + " across apps)",
                    BigDecimal.ONE,
                    "pool-month",
                    pool.usd(),
                    pool.usd(),
                    null,
                    Money.format(pool.usd()) + " a month for 1,000 dyno-hours shared by the account's Eco dynos; "
                            + ecoDynos + (ecoDynos == 1 ? " dyno" : " dynos") + " × " + Money.number(hours)
                            + " h = " + Money.number(used) + " dyno-hours" + fit + " (price: catalog "
                            + pool.key() + ")",
                    ""));
        }
        return lines;
    }

    private static LineItem dynoLine(HerokuApp app, Formation f, PriceBook prices) {
        String name = f.size().name();
        BigDecimal unit = app.dynoPrices().get(name.toLowerCase(Locale.ROOT));
        String source;
        if (unit != null) {
            source = HerokuExport.DYNO_SIZES + " cost";
        } else {
            Price p = prices.price("heroku.dyno." + name);
            unit = p.usd();
            source = "catalog " + p.key();
        }
        BigDecimal quantity = BigDecimal.valueOf(f.quantity());
        BigDecimal monthly = quantity.multiply(unit);
        Autoscaling auto = app.autoscaling().get(f.type());
        BigDecimal max = monthly;
        String range = "";
        if (auto != null && f.quantity() > 0) {
            int top = Math.max(auto.maxQuantity(), f.quantity());
            max = BigDecimal.valueOf(top).multiply(unit);
            range = "; autoscaling " + auto.minQuantity() + "–" + auto.maxQuantity() + " dynos: "
                    + Money.format(BigDecimal.valueOf(auto.minQuantity()).multiply(unit)) + "–" + Money.format(max)
                    + " a month";
        }
        return new LineItem(
                PLATFORM,
                OPTION,
                app.name(),
                "process " + f.type(),
                f.type() + ": " + f.quantity() + " × " + name,
                quantity,
                "dyno-month",
                unit,
                monthly,
                max,
                f.quantity() + (f.quantity() == 1 ? " dyno" : " dynos") + " × " + Money.format(unit) + " a month"
                        + range + " (price: " + source + ")",
                "");
    }

    private static LineItem addonLine(HerokuApp app, Addon a, PriceBook prices) {
        BigDecimal usd = a.monthlyUsd();
        String source = a.priceSource();
        if (usd == null) {
            String key = "heroku.addon." + a.plan();
            if (prices.catalog().find(key).isEmpty()) {
                throw LiftoffException.usage(app.directory().resolve(HerokuExport.ADDONS) + ": add-on '" + a.name()
                        + "' (plan '" + a.plan() + "') has no billed_price or plan.price, and the catalog has no "
                        + "price for the plan; add \"price\": {\"cents\": N, \"unit\": \"month\"} to its plan, or "
                        + "pass --prices with key " + key);
            }
            Price p = prices.price(key);
            usd = p.usd();
            source = "catalog " + key;
        }
        return new LineItem(
                PLATFORM,
                OPTION,
                app.name(),
                component(a),
                a.plan() + " (" + a.name() + ")",
                BigDecimal.ONE,
                "month",
                usd,
                usd,
                null,
                Money.format(usd) + " a month (price: " + source + ")",
                a.kind() == Addon.Kind.NOT_MAPPED ? "not mapped: no AWS service in the plan replaces it" : "");
    }

    /** The component an add-on's line shares with what replaces it on AWS. */
    public static String component(Addon a) {
        return switch (a.kind()) {
            case POSTGRES -> "postgres " + a.name();
            case REDIS -> "redis " + a.name();
            case LOGGING -> "logs";
            case SCHEDULER -> "scheduler";
            case NOT_MAPPED -> "addon " + a.name();
        };
    }
}
