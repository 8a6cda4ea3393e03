/**
 * The command line: picocli commands that parse options into a config record, call one facade of a capability module
 * and render its result. Failures map to exit codes in {@link dev.liftoff.cli.Main} only.
 */
package dev.liftoff.cli;
