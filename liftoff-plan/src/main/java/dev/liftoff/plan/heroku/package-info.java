/**
 * Heroku exports: the per-app directory layout ({@code apps-info.json}, {@code formation.json}, {@code addons.json},
 * {@code config.json}, optional {@code autoscaling.json}, {@code metrics.json}, {@code dyno-sizes.json}), its reader,
 * the Platform API client that writes it, and the sizes of Heroku's dynos and data plans. Config values stay in
 * {@code config.json}: the reader hands out their names only, {@link dev.liftoff.plan.heroku.ConfigVars} the values,
 * for {@code secrets push} alone.
 */
package dev.liftoff.plan.heroku;
