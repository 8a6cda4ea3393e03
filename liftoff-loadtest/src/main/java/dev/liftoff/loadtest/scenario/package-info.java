/**
 * Scenarios: the steps one session walks through, read from a URL, a HAR recording, a JMeter plan or a YAML file,
 * and written back as a JMeter plan for distributed runs.
 */
package dev.liftoff.loadtest.scenario;
