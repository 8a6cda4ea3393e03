/**
 * Real, throwaway PostgreSQL and Redis servers for tests, as JUnit 5 extensions: {@link
 * dev.liftoff.testkit.PostgresExtension} and {@link dev.liftoff.testkit.RedisExtension}. Servers take free ports,
 * start as root too, and leave nothing behind. Test scope only.
 */
package dev.liftoff.testkit;
