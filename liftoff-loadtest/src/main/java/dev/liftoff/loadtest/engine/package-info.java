/**
 * The load generator: Netty event loops each owning their sessions and keep-alive connections, a lean HTTP/1.1
 * response reader, open-model pacing with latency measured from each session's intended start, and per-loop
 * HdrHistogram recorders merged once a second. Nothing on the request path takes a lock.
 */
package dev.liftoff.loadtest.engine;
