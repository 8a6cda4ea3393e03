package dev.liftoff.plan.heroku;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.Redaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Heroku API key. It leaves this object only as an {@code Authorization} header; {@link #toString()} masks it so a
 * record or a log line that holds it cannot print it.
 */
public final class ApiKey {
    /** The environment variable the Heroku CLI and liftoff read the key from. */
    public static final String ENV = "HEROKU_API_KEY";

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /** A key from its text; blank is a usage error saying where to get one. */
    public static ApiKey of(String value) {
        if (value == null || value.isBlank()) {
            throw LiftoffException.usage(ENV + " is not set and ~/.netrc has no api.heroku.com entry; run"
                    + " 'heroku login', or export a key from 'heroku auth:token' as " + ENV);
        }
        return new ApiKey(value.strip());
    }

    /**
     * The key from {@code HEROKU_API_KEY}, else from the {@code api.heroku.com} entry of {@code ~/.netrc}, where
     * {@code heroku login} keeps it.
     *
     * @param env the process environment
     * @param home the user's home directory
     */
    public static ApiKey fromEnvironment(Map<String, String> env, Path home) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return of(fromEnv);
        }
        Path netrc = home.resolve(".netrc");
        if (Files.isReadable(netrc)) {
            try {
                List<String> tokens = List.of(Files.readString(netrc).strip().split("\\s+"));
                boolean heroku = false;
                for (int i = 0; i + 1 < tokens.size(); i++) {
                    String t = tokens.get(i);
                    if (t.equals("machine")) {
                        heroku = tokens.get(i + 1).equals("api.heroku.com");
                    } else if (heroku && t.equals("password")) {
                        return of(tokens.get(i + 1));
                    }
                }
            } catch (IOException e) {
                throw LiftoffException.environment("cannot read " + netrc + " (" + e.getMessage() + ")", e);
            }
        }
        return of(null);
    }

    String bearer() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return Redaction.MASK;
    }
}
