package dev.liftoff.migrate.config;

/** How the gateway freezes writes during the cutover. */
public enum FreezeMode {
    /** New requests wait at the gateway and go to the new platform once it passes again: users see a slow request. */
    HOLD,
    /** New requests get 503 with {@code Retry-After}: for apps whose clients retry, or whose requests cannot wait. */
    MAINTENANCE
}
