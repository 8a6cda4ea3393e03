/** The runbook that composes every capability, and the demo that rehearses it on embedded servers. */
package dev.liftoff.migrate;
