package dev.liftoff.gateway;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.liftoff.core.LiftoffException;
import java.util.Locale;

/** What the gateway does with a new request. */
public enum Mode {
    /** Proxy every request to the current upstream. */
    PASS,
    /**
     * Queue new requests (bounded in number and time) while the in-flight ones finish; they go to whatever upstream is
     * current when the mode leaves {@code HOLD}.
     */
    HOLD,
    /** Answer 503 with {@code Retry-After}: an HTML page, or JSON for clients that prefer it. */
    MAINTENANCE;

    /** The lower-case name used on the command line, in the admin API and in JSON. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code pass}, {@code hold} or {@code maintenance}, in any case.
     *
     * @throws LiftoffException with a usage code for any other text
     */
    @JsonCreator
    public static Mode parse(String text) {
        if (text != null) {
            for (Mode m : values()) {
                if (m.name().equalsIgnoreCase(text.strip())) {
                    return m;
                }
            }
        }
        throw LiftoffException.usage("mode '" + text + "' is not one of pass, hold, maintenance");
    }

    @Override
    public String toString() {
        return wireName();
    }
}
