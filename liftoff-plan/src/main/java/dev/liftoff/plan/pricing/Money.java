package dev.liftoff.plan.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Dollar amounts: rounding to cents at the end, and the forms they print in. */
public final class Money {
    private Money() {}

    /** Rounded to cents, half up, as a bill rounds. */
    public static BigDecimal cents(BigDecimal usd) {
        return usd.setScale(2, RoundingMode.HALF_UP);
    }

    /** {@code $2,315.00}. */
    public static String format(BigDecimal usd) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return "$" + f.format(cents(usd));
    }

    /** A unit price as written in a basis, with all its digits and no trailing zeros: {@code $0.04048}. */
    public static String price(BigDecimal usd) {
        BigDecimal p = usd.stripTrailingZeros();
        if (p.scale() < 2) {
            p = p.setScale(2);
        }
        return "$" + p.toPlainString();
    }

    /** A quantity as written in a basis: {@code 0.5}, {@code 2}, {@code 1,000}. */
    public static String number(BigDecimal n) {
        BigDecimal p = n.stripTrailingZeros();
        if (p.scale() <= 0) {
            DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
            return f.format(p);
        }
        return p.toPlainString();
    }

    public static String number(long n) {
        return number(BigDecimal.valueOf(n));
    }
}
