/** Progress display for long work: a thread-safe {@link dev.liftoff.core.progress.Meter} and a status line ticker. */
package dev.liftoff.core.progress;
