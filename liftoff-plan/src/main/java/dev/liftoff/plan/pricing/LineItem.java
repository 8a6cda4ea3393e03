package dev.liftoff.plan.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One line of a bill or an estimate: {@code quantity × unit_usd = monthly_usd}, with the arithmetic in {@code basis}.
 * Amounts are exact; reports round them to cents.
 *
 * @param platform {@code heroku} or {@code aws}
 * @param option {@code current} for Heroku; {@code like-for-like} or {@code right-sized} for AWS
 * @param app the Heroku app the line belongs to
 * @param component what the line pays for, the same on both sides so they line up ({@code process web},
 *     {@code postgres postgresql-deep-4242}, {@code network}, ...)
 * @param name what is bought ({@code web: 2 × Standard-2X})
 * @param quantity how many units
 * @param unit what one unit is ({@code dyno-month}, {@code task-month}, {@code GB-month})
 * @param unitUsd the monthly price of one unit
 * @param monthlyUsd the line's monthly cost
 * @param monthlyMaxUsd the monthly cost at the top of an autoscaling range (equal to {@code monthlyUsd} without one)
 * @param basis the arithmetic, with prices and their sources
 * @param note how the size was chosen or why the line is there, or empty
 */
public record LineItem(
        String platform,
        String option,
        String app,
        String component,
        String name,
        BigDecimal quantity,
        String unit,
        BigDecimal unitUsd,
        BigDecimal monthlyUsd,
        BigDecimal monthlyMaxUsd,
        String basis,
        String note) {
    public LineItem {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitUsd, "unitUsd");
        Objects.requireNonNull(monthlyUsd, "monthlyUsd");
        monthlyMaxUsd = monthlyMaxUsd == null ? monthlyUsd : monthlyMaxUsd;
        if (monthlyMaxUsd.compareTo(monthlyUsd) < 0) {
            throw new IllegalArgumentException(name + ": maximum " + monthlyMaxUsd + " below " + monthlyUsd);
        }
        Objects.requireNonNull(basis, "basis");
        unit = unit == null ? "" : unit;
        note = note == null ? "" : note;
    }

    /** This line with amounts rounded to cents and the unit price to four places, as reports show it. */
    public LineItem rounded() {
        return new LineItem(
                platform,
                option,
                app,
                component,
                name,
                plain(quantity),
                unit,
                plain(unitUsd.setScale(4, RoundingMode.HALF_UP)),
                Money.cents(monthlyUsd),
                Money.cents(monthlyMaxUsd),
                basis,
                note);
    }

    /** Without trailing zeros yet never in exponent form, which JSON readers mishandle; at least cents for money. */
    private static BigDecimal plain(BigDecimal x) {
        BigDecimal s = x.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
