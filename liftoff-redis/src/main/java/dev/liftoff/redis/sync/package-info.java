/**
 * Live sync by keyspace notifications: a subscriber thread turns {@code __keyspace@N__:key} events into a
 * de-duplicated, ordered queue of changed keys; an applier re-reads each changed key from the source and writes it
 * (or deletes it) on the target with the copy's mover; finish markers written to the source pass through the queue
 * as barriers. The sync's state lives in a small hash on the target so that {@code status} and {@code finish} can run
 * in other processes.
 */
package dev.liftoff.redis.sync;
