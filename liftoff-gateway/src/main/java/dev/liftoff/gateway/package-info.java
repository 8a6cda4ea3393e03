/** The cutover reverse proxy: pass, hold, maintenance and an atomic upstream switch, with an admin API. */
package dev.liftoff.gateway;
