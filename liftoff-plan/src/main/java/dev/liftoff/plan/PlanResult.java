package dev.liftoff.plan;

import dev.liftoff.plan.pricing.LineItem;
import dev.liftoff.plan.pricing.Price;
import dev.liftoff.plan.sizing.AppSizing;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The comparison, as {@code --json} writes it. Totals are exact sums rounded to cents; items carry amounts rounded
 * to cents (unit prices to four places), so a column of items may differ from its total by a cent.
 *
 * @param pricesDated the catalog's date, and each override's
 * @param region the AWS region priced
 * @param arch {@code x86} or {@code arm}
 * @param network {@code public} or {@code private}
 * @param recommended the recommended AWS option ({@code right-sized})
 * @param herokuMonthlyUsd the Heroku bill at the current formation
 * @param herokuMonthlyMaxUsd the Heroku bill with autoscaled processes at their maximum
 * @param awsMonthlyUsd the recommended AWS option at its steady task counts
 * @param awsMonthlyMaxUsd the recommended option with services at their autoscaling maximum
 * @param awsLikeForLikeMonthlyUsd the like-for-like option
 * @param awsLikeForLikeMonthlyMaxUsd the like-for-like option at its autoscaling maximum
 * @param savingsMonthlyUsd Heroku minus the recommended option
 * @param apps the recommended option's sizes per app, which {@code liftoff generate} writes
 * @param items every line of both sides: Heroku ({@code current}) and AWS ({@code like-for-like},
 *     {@code right-sized})
 * @param assumptions what the figures assume, in sentences
 * @param prices the catalog prices used, with their sources
 */
public record PlanResult(
        String pricesDated,
        String region,
        String arch,
        String network,
        String recommended,
        BigDecimal herokuMonthlyUsd,
        BigDecimal herokuMonthlyMaxUsd,
        BigDecimal awsMonthlyUsd,
        BigDecimal awsMonthlyMaxUsd,
        BigDecimal awsLikeForLikeMonthlyUsd,
        BigDecimal awsLikeForLikeMonthlyMaxUsd,
        BigDecimal savingsMonthlyUsd,
        List<AppSizing> apps,
        List<LineItem> items,
        List<String> assumptions,
        List<Price> prices) {
    public PlanResult {
        Objects.requireNonNull(pricesDated, "pricesDated");
        apps = List.copyOf(apps);
        items = List.copyOf(items);
        assumptions = List.copyOf(assumptions);
        prices = List.copyOf(prices);
    }

    /** The items of one side: {@code ("heroku", "current")}, {@code ("aws", "right-sized")}, ... */
    public List<LineItem> items(String platform, String option) {
        return items.stream()
                .filter(i -> i.platform().equals(platform) && i.option().equals(option))
                .toList();
    }
}
