package dev.liftoff.gateway;

import dev.liftoff.core.LiftoffException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the gateway sends requests: {@code http://HOST[:PORT]} or {@code https://HOST[:PORT]}, with no path, query or
 * credentials (the request path is forwarded unchanged). A value type: equal when scheme, host and port are.
 */
public final class Upstream {
    private final boolean tls;
    private final String host;
    private final int port;

    private Upstream(boolean tls, String host, int port) {
        this.tls = tls;
        this.host = host;
        this.port = port;
    }

    /**
     * Parses an upstream URL.
     *
     * @param what the option being parsed, named in errors (e.g. {@code --upstream})
     * @throws LiftoffException with a usage code when the URL is not a plain http(s) origin
     */
    public static Upstream parse(String text, String what) {
        URI uri;
        try {
            uri = new URI(text == null ? "" : text.strip());
        } catch (URISyntaxException e) {
            throw LiftoffException.usage(
                    what + ": '" + text + "' is not a URL; write for example http://127.0.0.1:3000");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw LiftoffException.usage(
                    what + ": '" + uri + "' must start with http:// or https://, e.g. https://myapp.herokuapp.com");
        }
        if (uri.getRawUserInfo() != null) {
            throw LiftoffException.usage(what + ": credentials in the upstream URL are not supported; remove them");
        }
        if (uri.getHost() == null) {
            throw LiftoffException.usage(what + ": '" + uri + "' has no host; write for example http://127.0.0.1:3000");
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/"))
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw LiftoffException.usage(what + ": '" + uri + "' has a path or query; give only the origin "
                    + "(scheme://host:port): request paths are forwarded unchanged");
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() < 0 ? (tls ? 443 : 80) : uri.getPort();
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Upstream(tls, host.toLowerCase(Locale.ROOT), port);
    }

    /** Whether the gateway speaks HTTPS to this upstream. */
    public boolean tls() {
        return tls;
    }

    /** The host name or address, without brackets. */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The {@code Host} header value that names this upstream: the port only when it is not the scheme's default. */
    public String authority() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == (tls ? 443 : 80) ? h : h + ":" + port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Upstream u && u.tls == tls && u.port == port && u.host.equals(host);
    }

    @Override
    public int hashCode() {
        return (host.hashCode() * 31 + port) * 2 + (tls ? 1 : 0);
    }

    /** The URL, e.g. {@code https://myapp.herokuapp.com}. */
    @Override
    public String toString() {
        return (tls ? "https://" : "http://") + authority();
    }
}
