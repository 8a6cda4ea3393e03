/** Load tests: scenarios, open and closed models, latency histograms, SLOs and reports. */
package dev.liftoff.loadtest;
