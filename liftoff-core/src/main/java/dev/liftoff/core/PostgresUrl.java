package dev.liftoff.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * A PostgreSQL connection URL ({@code postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=require}), as Heroku's
 * {@code DATABASE_URL} and libpq write it. {@link #toString()} masks the password, so an instance may be logged or
 * printed freely; the password leaves only through {@link #jdbcProperties()} and {@link #libpqEnvironment()}.
 * Immutable and thread-safe.
 */
public final class PostgresUrl {
    private static final int DEFAULT_PORT = 5432;
    private static final String SHAPE = "postgres://USER:PASSWORD@HOST:PORT/DATABASE";

    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final String database;
    private final Map<String, String> params;

    private PostgresUrl(
            String user, String password, String host, int port, String database, Map<String, String> params) {
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.database = database;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * Parses a {@code postgres://} or {@code postgresql://} URL. A missing port means 5432; a missing user means the
     * operating-system user, as libpq does.
     *
     * @throws LiftoffException with {@link ErrorCode#USAGE} naming what is wrong, never echoing the password
     */
    public static PostgresUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw LiftoffException.usage("empty PostgreSQL URL; expected " + SHAPE);
        }
        String shown = Redaction.maskUrl(text.strip());
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw LiftoffException.usage("malformed PostgreSQL URL '" + shown + "'; expected " + SHAPE);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("postgres") || scheme.equals("postgresql"))) {
            throw LiftoffException.usage("'" + shown + "' is not a PostgreSQL URL; expected " + SHAPE);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw LiftoffException.usage("PostgreSQL URL '" + shown + "' has no host; expected " + SHAPE);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isEmpty() || database.contains("/")) {
            throw LiftoffException.usage("PostgreSQL URL '" + shown + "' names no database; expected " + SHAPE);
        }
        String user = System.getProperty("user.name");
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        Map<String, String> params = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw LiftoffException.usage("PostgreSQL URL '" + shown + "' has a malformed parameter '"
                            + Redaction.maskParam(pair) + "'; write NAME=VALUE");
                }
                params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        if (params.containsKey("password")) {
            password = params.remove("password");
        }
        if (params.containsKey("user")) {
            user = params.remove("user");
        }
        return new PostgresUrl(user, password, host, port, database, params);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public String user() {
        return user;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    /** Query parameters other than user and password (for example {@code sslmode}). */
    public Map<String, String> params() {
        return params;
    }

    public boolean hasPassword() {
        return password != null;
    }

    /** The same server and credentials, another database. */
    public PostgresUrl withDatabase(String otherDatabase) {
        return new PostgresUrl(user, password, host, port, otherDatabase, params);
    }

    /** The same URL with one more query parameter (or a replaced one). */
    public PostgresUrl withParam(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(params);
        copy.put(name, value);
        return new PostgresUrl(user, password, host, port, database, copy);
    }

    /** A PgJDBC URL without credentials; pair it with {@link #jdbcProperties()}. */
    public String jdbcUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        StringBuilder sb = new StringBuilder("jdbc:postgresql://")
                .append(h)
                .append(':')
                .append(port)
                .append('/')
                .append(encode(database));
        if (!params.isEmpty()) {
            StringJoiner q = new StringJoiner("&", "?", "");
            params.forEach((k, v) -> q.add(encode(k) + "=" + encode(v)));
            sb.append(q);
        }
        return sb.toString();
    }

    /** Connection properties carrying the credentials, for {@code DriverManager.getConnection(jdbcUrl(), props)}. */
    public Properties jdbcProperties() {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        return props;
    }

    /**
     * libpq environment variables for running {@code pg_dump} or {@code psql}: the password travels in
     * {@code PGPASSWORD}, never on a command line where {@code ps} would show it.
     */
    public Map<String, String> libpqEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", host);
        env.put("PGPORT", Integer.toString(port));
        env.put("PGUSER", user);
        env.put("PGDATABASE", database);
        if (password != null) {
            env.put("PGPASSWORD", password);
        }
        String sslmode = params.get("sslmode");
        if (sslmode != null) {
            env.put("PGSSLMODE", sslmode);
        }
        return env;
    }

    /** {@code HOST:PORT/DATABASE}, short enough for messages. */
    public String shortName() {
        return host + ":" + port + "/" + database;
    }

    /** The URL with the password masked: safe to print, log and report. */
    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        StringBuilder sb = new StringBuilder("postgres://").append(encode(user));
        if (password != null) {
            sb.append(":" + Redaction.MASK);
        }
        sb.append('@').append(h).append(':').append(port).append('/').append(encode(database));
        if (!params.isEmpty()) {
            StringJoiner q = new StringJoiner("&", "?", "");
            params.forEach((k, v) -> q.add(k + "=" + v));
            sb.append(q);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PostgresUrl other
                && user.equals(other.user)
                && java.util.Objects.equals(password, other.password)
                && host.equals(other.host)
                && port == other.port
                && database.equals(other.database)
                && params.equals(other.params);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(user, host, port, database, params);
    }

    /** The password, when the URL carries one; only for handing to a client library. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }
}
