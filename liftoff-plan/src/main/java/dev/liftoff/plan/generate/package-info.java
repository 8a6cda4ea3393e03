/**
 * What {@link dev.liftoff.plan.Generator} writes: stack detection over the app's source tree, a multi-stage
 * non-root Dockerfile per Procfile process with pinned base images, a compose file for local runs, CloudFormation for
 * staging and production (emitted with snakeyaml, intrinsic functions as short tags), the CodeBuild buildspec and a
 * README with the deploy order. Output is deterministic (golden-tested) and never contains a config value: secrets
 * are referenced by ARN.
 */
package dev.liftoff.plan.generate;
