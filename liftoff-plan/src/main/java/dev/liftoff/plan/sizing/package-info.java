/**
 * Sizing: which Fargate task, RDS instance class and ElastiCache node each Heroku process and data add-on becomes,
 * like-for-like (match the dyno or plan) or right-sized from the app's metrics (p95 CPU and memory with headroom,
 * task counts from the peak request rate). Pure functions over the export; every choice carries its rationale.
 */
package dev.liftoff.plan.sizing;
