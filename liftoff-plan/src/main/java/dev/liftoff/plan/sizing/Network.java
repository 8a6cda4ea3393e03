package dev.liftoff.plan.sizing;

/**
 * Where tasks run. {@link #PUBLIC}: public subnets with a public IPv4 address per task, inbound only from the load
 * balancer, no NAT gateway (the cheap layout). {@link #PRIVATE}: private subnets behind a NAT gateway per AZ, which
 * costs about $66 a month before traffic.
 */
public enum Network {
    PUBLIC,
    PRIVATE
}
