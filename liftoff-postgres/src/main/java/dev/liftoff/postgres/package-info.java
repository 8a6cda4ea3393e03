/** PostgreSQL: preflight, schema, parallel snapshot copy, change capture, apply and verify. */
package dev.liftoff.postgres;
