/** Writing results for scripts and people: JSON with snake_case fields, self-contained HTML pages. */
package dev.liftoff.core.report;
