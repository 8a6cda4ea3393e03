package dev.liftoff.migrate;

import dev.liftoff.core.RedisUrl;
import io.lettuce.core.RedisURI;
import java.time.Duration;

/** Lettuce's view of a {@link RedisUrl}; the password goes straight from one to the other, never through text. */
public final class RedisUris {
    private RedisUris() {}

    /** A Lettuce URI with a 5 s command and connect timeout. */
    public static RedisURI uri(RedisUrl url) {
        RedisURI.Builder b = RedisURI.builder()
                .withHost(url.host())
                .withPort(url.port())
                .withDatabase(url.database())
                .withSsl(url.tls())
                .withTimeout(Duration.ofSeconds(5));
        url.password().ifPresent(pw -> {
            if (url.user().isPresent()) {
                b.withAuthentication(url.user().get(), pw.toCharArray());
            } else {
                b.withPassword(pw.toCharArray());
            }
        });
        return b.build();
    }
}
