/**
 * {@code liftoff heroku export}, {@code plan}, {@code generate}, {@code secrets push} and {@code run}: thin picocli
 * commands over the {@code liftoff-plan} facades. Options become config records; results print for people and, with
 * {@code --json}, for scripts. No config value is ever printed.
 */
package dev.liftoff.cli.plan;
