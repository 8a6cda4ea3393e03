package dev.liftoff.loadtest.scenario;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/** Where requests go: scheme, host and port; the unit a connection is made to. */
public record Origin(String scheme, String host, int port) {
    public Origin {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("scheme must be http or https: " + scheme);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535: " + port);
        }
    }

    /** The origin of an absolute http(s) URI, with the scheme's default port when none is given. */
    public static Origin of(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + uri);
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        int port = uri.getPort() > 0 ? uri.getPort() : defaultPort(scheme);
        return new Origin(scheme, uri.getHost(), port);
    }

    public boolean tls() {
        return scheme.equals("https");
    }

    /** The {@code Host} header value: the port only when it is not the scheme's default. */
    public String authority() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return port == defaultPort(scheme) ? h : h + ":" + port;
    }

    @Override
    public String toString() {
        return scheme + "://" + authority();
    }

    static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }
}
