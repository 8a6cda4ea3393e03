/**
 * A lean RESP2 client on plain blocking sockets (TLS through {@code SSLSocket}): byte-array arguments and replies,
 * explicit pipelining (queue many commands, flush once, read the replies in order) and byte-exact access to the stream
 * for replication. liftoff uses it instead of Lettuce because copying a keyspace is three commands per key: Lettuce's
 * per-command futures, argument objects and Netty hand-offs cost more CPU per key than the two Redis servers spend
 * together, which on a small machine made the copy several times slower than a server-side {@code MIGRATE} loop.
 */
package dev.liftoff.redis.resp;
