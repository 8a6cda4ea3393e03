package dev.liftoff.cli.redis;

import dev.liftoff.core.RedisUrl;
import dev.liftoff.redis.Endpoints;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/** {@code --source}, {@code --target} and {@code --tls-insecure}: the two servers of every {@code liftoff redis} command. */
public final class RedisEndpoints {
    @Option(
            names = "--source",
            required = true,
            paramLabel = "URL",
            description = "The Redis to move from, e.g. rediss://:PASSWORD@HOST:PORT (Heroku's REDIS_URL).")
    String source;

    @Option(
            names = "--target",
            required = true,
            paramLabel = "URL",
            description = "The Redis to move to, e.g. rediss://USER:PASSWORD@my-cache.amazonaws.com:6379.")
    String target;

    @Option(
            names = "--tls-insecure",
            description = "Accept any TLS certificate on both ends (Heroku's are self-signed). Anyone on the network"
                    + " path could read and change the data: use it only where the provider gives no CA.")
    boolean tlsInsecure;

    /** The parsed endpoints; warns on {@code err} when certificates will not be checked. */
    Endpoints endpoints(PrintStream err) {
        Endpoints eps = new Endpoints(RedisUrl.parse(source), RedisUrl.parse(target), tlsInsecure);
        if (tlsInsecure) {
            err.println("WARNING: --tls-insecure: TLS certificates of --source and --target are NOT verified; anyone on"
                    + " the network path can read and change the data in transit");
        }
        return eps;
    }
}
