/**
 * What every liftoff capability shares: connection URLs that mask their passwords ({@link dev.liftoff.core.PostgresUrl},
 * {@link dev.liftoff.core.RedisUrl}), the one exception type with its exit-code mapping
 * ({@link dev.liftoff.core.LiftoffException}, {@link dev.liftoff.core.ErrorCode}), and value types for durations,
 * sizes and rates in the units people type.
 */
package dev.liftoff.core;
