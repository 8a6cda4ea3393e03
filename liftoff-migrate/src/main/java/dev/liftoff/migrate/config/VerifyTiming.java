package dev.liftoff.migrate.config;

/** When the cutover's exact PostgreSQL comparison runs, relative to the switch. */
public enum VerifyTiming {
    /**
     * Inside the write freeze, before switching: nothing switches unless old and new are proven equal, and the freeze
     * lasts as long as the comparison (which grows with the database).
     */
    BEFORE_SWITCH,
    /**
     * Both databases' snapshots are taken inside the freeze (milliseconds), the switch follows at once, and the exact
     * comparison of those snapshots runs afterwards: a freeze of seconds whatever the size, with a difference found
     * after traffic moved (the run then fails, naming it; the old database has taken no writes since).
     */
    AFTER_SWITCH
}
