/**
 * Planning the move off Heroku: {@link dev.liftoff.plan.Planner} prices an app's Heroku bill against AWS, item by item,
 * from an export directory; {@link dev.liftoff.plan.Generator} writes the Dockerfiles, compose file and CloudFormation
 * for the size the planner recommends. Both take a config record and return a result record.
 */
package dev.liftoff.plan;
