/**
 * Prices and money: the bundled, dated {@link dev.liftoff.plan.pricing.PriceCatalog} with a source per item, its
 * overrides (our JSON format or an AWS Price List region file), and the two sides of the comparison:
 * {@link dev.liftoff.plan.pricing.HerokuBill} (what Heroku charges now) and
 * {@link dev.liftoff.plan.pricing.AwsEstimate} (what the sized AWS stack would cost), as
 * {@link dev.liftoff.plan.pricing.LineItem}s whose {@code basis} spells out the arithmetic. Money is
 * {@link java.math.BigDecimal}, exact until the totals are rounded to cents.
 */
package dev.liftoff.plan.pricing;
