package dev.liftoff.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A Redis URL ({@code redis://[USER:]PASSWORD@HOST:PORT[/DB]}, or {@code rediss://} for TLS), as Heroku's
 * {@code REDIS_URL} writes it. {@link #toString()} masks the password. Immutable and thread-safe.
 */
public final class RedisUrl {
    private static final int DEFAULT_PORT = 6379;
    private static final String SHAPE = "redis://[USER:]PASSWORD@HOST:PORT[/DB] or rediss://... for TLS";

    private final boolean tls;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final int database;

    private RedisUrl(boolean tls, String user, String password, String host, int port, int database) {
        this.tls = tls;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.database = database;
    }

    /**
     * Parses a {@code redis://} or {@code rediss://} URL; the path, when present, is the logical database number.
     *
     * @throws LiftoffException with {@link ErrorCode#USAGE} naming what is wrong, never echoing the password
     */
    public static RedisUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw LiftoffException.usage("empty Redis URL; expected " + SHAPE);
        }
        String shown = Redaction.maskUrl(text.strip());
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw LiftoffException.usage("malformed Redis URL '" + shown + "'; expected " + SHAPE);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("redis") || scheme.equals("rediss"))) {
            throw LiftoffException.usage("'" + shown + "' is not a Redis URL; expected " + SHAPE);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw LiftoffException.usage("Redis URL '" + shown + "' has no host; expected " + SHAPE);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        int db = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                db = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw LiftoffException.usage(
                        "Redis URL '" + shown + "' has '" + path.substring(1) + "' where a database number belongs");
            }
            if (db < 0) {
                throw LiftoffException.usage("Redis URL '" + shown + "' names database " + db + "; use 0 or more");
            }
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                password = decode(userInfo);
            } else {
                String u = decode(userInfo.substring(0, colon));
                user = u.isEmpty() ? null : u;
                password = decode(userInfo.substring(colon + 1));
            }
        }
        return new RedisUrl(scheme.equals("rediss"), user, password, host, port, db);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public boolean tls() {
        return tls;
    }

    /** The ACL user, when the URL names one (Heroku's URLs name none or the default user). */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The password, when the URL carries one; only for handing to a client library. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int database() {
        return database;
    }

    /** The same server and credentials, another logical database. */
    public RedisUrl withDatabase(int otherDatabase) {
        return new RedisUrl(tls, user, password, host, port, otherDatabase);
    }

    /** The URL with the password masked: safe to print, log and report. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(tls ? "rediss://" : "redis://");
        if (user != null || password != null) {
            if (user != null) {
                sb.append(user);
            }
            if (password != null) {
                sb.append(':').append(Redaction.MASK);
            }
            sb.append('@');
        }
        sb.append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port);
        if (database != 0) {
            sb.append('/').append(database);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedisUrl other
                && tls == other.tls
                && Objects.equals(user, other.user)
                && Objects.equals(password, other.password)
                && host.equals(other.host)
                && port == other.port
                && database == other.database;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tls, user, host, port, database);
    }
}
