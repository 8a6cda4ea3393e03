package dev.liftoff.gateway;

/** Which {@code Host} header the upstream receives. */
public enum HostHeader {
    /** The client's own {@code Host}: right when the upstream serves the public domain name too. */
    PRESERVE,
    /** The upstream URL's host (and port when not the default): right for {@code app.herokuapp.com}-style upstreams. */
    UPSTREAM
}
