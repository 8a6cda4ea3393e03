/** {@code liftoff loadtest run|export}: options in, one call to the {@code LoadTest} facade, the result rendered. */
package dev.liftoff.cli.loadtest;
