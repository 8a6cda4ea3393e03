/**
 * Live traffic for a rehearsal and its audit: {@link dev.liftoff.migrate.traffic.WriteDriver} sends a steady stream of
 * orders through the gateway and remembers every write the app acknowledged;
 * {@link dev.liftoff.migrate.traffic.WriteChecker} then looks each one up on the new platform and counts the lost, the
 * duplicated, and the longest gap between acknowledgements (the write downtime users saw).
 */
package dev.liftoff.migrate.traffic;
