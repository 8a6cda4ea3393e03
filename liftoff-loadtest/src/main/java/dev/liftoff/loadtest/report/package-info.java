/** The results of a load test for people and scripts: the JSON result records and the self-contained HTML report. */
package dev.liftoff.loadtest.report;
