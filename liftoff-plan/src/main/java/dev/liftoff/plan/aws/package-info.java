/**
 * Calls to AWS through the SDK v2 (the standard credential chain, the Apache HTTP client, an optional endpoint
 * override for emulators, all in {@link dev.liftoff.plan.aws.AwsTarget}): {@link dev.liftoff.plan.aws.SecretsPush}
 * writes an app's config vars into Secrets Manager, {@link dev.liftoff.plan.aws.OneOffTask} runs a one-off ECS task
 * and streams its logs, and {@link dev.liftoff.plan.aws.AwsRegions} knows which region names exist.
 */
package dev.liftoff.plan.aws;
