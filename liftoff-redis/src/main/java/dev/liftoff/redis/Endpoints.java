package dev.liftoff.redis;

import dev.liftoff.core.RedisUrl;
import dev.liftoff.redis.resp.Endpoint;
import dev.liftoff.redis.resp.Side;
import java.util.Objects;

/**
 * The two servers of a move.
 *
 * @param source the server to move from (Heroku's {@code REDIS_URL})
 * @param target the server to move to
 * @param tlsInsecure accept any TLS certificate on both ends (Heroku's are self-signed); callers warn loudly
 */
public record Endpoints(RedisUrl source, RedisUrl target, boolean tlsInsecure) {
    public Endpoints {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }

    public Endpoint sourceEndpoint() {
        return new Endpoint(source, Side.SOURCE, tlsInsecure);
    }

    public Endpoint targetEndpoint() {
        return new Endpoint(target, Side.TARGET, tlsInsecure);
    }
}
