/**
 * Renders a {@link dev.liftoff.plan.PlanResult} for people: a side-by-side table for terminals (core's
 * {@code TextTable}) and a Markdown report with every item's arithmetic, assumptions and price sources. Neither ever
 * contains a config value: the result holds none.
 */
package dev.liftoff.plan.report;
