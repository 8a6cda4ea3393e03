package dev.liftoff.redis.resp;

import dev.liftoff.core.RedisUrl;
import java.util.Objects;

/**
 * One Redis server to connect to: its URL, which end of the move it is, and whether its TLS certificate is checked.
 *
 * @param url the server; {@code rediss://} means TLS
 * @param side which end, for messages
 * @param tlsInsecure accept any certificate and host name (Heroku's self-signed certificates)
 */
public record Endpoint(RedisUrl url, Side side, boolean tlsInsecure) {
    public Endpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(side, "side");
    }

    /** "source redis://...:6379" with the password masked, for messages. */
    public String describe() {
        return side.label() + " " + url;
    }
}
