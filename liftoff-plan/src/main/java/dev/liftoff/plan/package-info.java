/** Planning: Heroku exports, price catalogs, sizing and cost reports; generated infrastructure and AWS calls. */
package dev.liftoff.plan;
