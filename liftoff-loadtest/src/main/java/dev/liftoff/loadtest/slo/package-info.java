/** Service-level objectives: parsing {@code p95<300ms,errors<1%} and the checks that decide the exit code. */
package dev.liftoff.loadtest.slo;
