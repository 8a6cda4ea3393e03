/**
 * {@code liftoff redis copy|sync|status|finish|verify}: thin picocli commands over the {@code liftoff-redis} facades.
 * Options become config records; results print as one summary line and, with {@code --json}, as JSON.
 */
package dev.liftoff.cli.redis;
