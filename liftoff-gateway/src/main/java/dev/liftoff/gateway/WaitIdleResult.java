package dev.liftoff.gateway;

/**
 * The outcome of waiting for the gateway to have nothing in flight.
 *
 * @param idle whether nothing was in flight before the timeout
 * @param waitedMillis how long the wait took
 * @param status the gateway's state when the wait ended
 */
public record WaitIdleResult(boolean idle, long waitedMillis, GatewayStatus status) {}
