package dev.liftoff.loadtest.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.liftoff.core.LiftoffException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a HAR recording (a browser's "save all as HAR") into a scenario: one session replays the app's own requests
 * in recorded order, each with its method, path, query, headers and body. The app's host is {@code --host}, or the
 * host of the first page (document) request; requests to other hosts (analytics, CDNs, fonts) are left out and
 * counted unless included. Headers that belong to one hop ({@code Connection}, {@code Keep-Alive}, HTTP/2 pseudo
 * headers...) or that the sender computes ({@code Host}, {@code Content-Length}) are dropped.
 */
final class HarReader {
    private static final Set<String> DROPPED_HEADERS = Set.of(
            "host",
            "content-length",
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade");

    /**
     * Hosts (and their subdomains) that are never the app's own: analytics, tag managers, ad networks, public CDNs,
     * font services. Only used to choose the app host when the recording does not start with a page of the app (a
     * HAR saved after the page load, or one holding only beacons); {@code --host} overrides it.
     */
    private static final List<String> THIRD_PARTY = List.of(
            "google-analytics.com",
            "googletagmanager.com",
            "googlesyndication.com",
            "doubleclick.net",
            "googleadservices.com",
            "fonts.googleapis.com",
            "fonts.gstatic.com",
            "facebook.com",
            "facebook.net",
            "hotjar.com",
            "segment.com",
            "segment.io",
            "mixpanel.com",
            "amplitude.com",
            "sentry.io",
            "newrelic.com",
            "nr-data.net",
            "intercom.io",
            "cloudflareinsights.com",
            "cdnjs.cloudflare.com",
            "jsdelivr.net",
            "unpkg.com",
            "bootstrapcdn.com",
            "stripe.com",
            "clarity.ms",
            "bing.com",
            "linkedin.com",
            "twitter.com");

    private HarReader() {}

    static boolean thirdParty(String host) {
        for (String t : THIRD_PARTY) {
            if (host.equals(t) || host.endsWith("." + t)) {
                return true;
            }
        }
        return false;
    }

    static Scenario read(Path file, ImportOptions options) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw LiftoffException.usage(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": not valid JSON (" + e.getOriginalMessage() + "); is this a HAR file?");
        } catch (IOException e) {
            throw LiftoffException.usage(file + ": cannot read (" + e.getMessage() + ")");
        }
        JsonNode entries = root == null ? null : root.path("log").get("entries");
        if (entries == null || !entries.isArray()) {
            throw LiftoffException.usage(file + ": no log.entries array; is this a HAR file?");
        }
        String appHost = options.appHost().map(h -> h.toLowerCase(Locale.ROOT)).orElse(null);
        if (appHost == null) {
            appHost = firstPageHost(file, entries);
        }
        List<Step> steps = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode request = entries.get(i).get("request");
            String where = file + ": log.entries[" + i + "]";
            if (request == null || !request.isObject()) {
                throw LiftoffException.usage(where + ": no request object");
            }
            URI uri = uri(where, request);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                skipped.merge(scheme + ":", 1, Integer::sum);
                continue;
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            if (!host.equals(appHost) && !options.includeHosts().contains(host)) {
                skipped.merge(host, 1, Integer::sum);
                continue;
            }
            steps.add(step(where, request, uri, options));
        }
        if (steps.isEmpty()) {
            throw LiftoffException.usage(file + ": no requests left for host '" + appHost + "' (skipped: "
                    + (skipped.isEmpty() ? "none" : skipped) + "); pass --host or --include-host");
        }
        if (options.baseUrl().isPresent()) {
            BaseUrl base = options.baseUrl().get();
            steps.replaceAll(base::apply);
        }
        return new Scenario(file.toString(), steps, Map.of(), List.of(), List.of(), skipped, OptionalInt.empty());
    }

    private static String firstPageHost(Path file, JsonNode entries) {
        String first = null;
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            JsonNode request = e.get("request");
            if (request == null) {
                continue;
            }
            URI uri = uri(file + ": log.entries[" + i + "]", request);
            if (uri.getHost() == null) {
                continue;
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            if (thirdParty(host)) {
                continue;
            }
            if (first == null) {
                first = host;
            }
            String type = e.path("_resourceType").asText("");
            String mime = e.path("response").path("content").path("mimeType").asText("");
            if (type.equals("document") || mime.startsWith("text/html")) {
                return host;
            }
        }
        if (first == null) {
            Map<String, Integer> hosts = new TreeMap<>();
            for (JsonNode e : entries) {
                String url = e.path("request").path("url").asText("");
                try {
                    String host = new URI(url).getHost();
                    if (host != null) {
                        hosts.merge(host.toLowerCase(Locale.ROOT), 1, Integer::sum);
                    }
                } catch (URISyntaxException ignored) {
                    // uri() above already accepted every entry with a host
                }
            }
            throw LiftoffException.usage(file
                    + (hosts.isEmpty()
                            ? ": no http(s) request in log.entries; is this a HAR file?"
                            : ": no requests left after skipping third-party hosts (skipped: " + hosts
                                    + "); pass --host HOST to replay one of them"));
        }
        return first;
    }

    private static URI uri(String where, JsonNode request) {
        String url = request.path("url").asText(null);
        if (url == null || url.isBlank()) {
            throw LiftoffException.usage(where + ": request.url is missing");
        }
        try {
            URI uri = new URI(url);
            if (uri.getScheme() != null
                    && uri.getScheme().toLowerCase(Locale.ROOT).startsWith("http")
                    && uri.getHost() == null) {
                throw new URISyntaxException(url, "no host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw LiftoffException.usage(where + ": request.url '" + url + "' is not a URL (" + e.getReason() + ")");
        }
    }

    private static Step step(String where, JsonNode request, URI uri, ImportOptions options) {
        String method = request.path("method").asText("GET");
        if (!method.matches("[A-Za-z]+")) {
            throw LiftoffException.usage(where + ": request.method '" + method + "' is not an HTTP method");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        List<Header> headers = new ArrayList<>();
        for (JsonNode h : request.path("headers")) {
            String name = h.path("name").asText("");
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.isEmpty() || name.startsWith(":") || DROPPED_HEADERS.contains(lower)) {
                continue;
            }
            if (lower.equals("cookie") && !options.cookies()) {
                continue;
            }
            headers.add(Header.of(name, h.path("value").asText("")));
        }
        Optional<Template> body = Optional.empty();
        JsonNode post = request.get("postData");
        if (post != null && post.isObject()) {
            if (post.hasNonNull("text")) {
                body = Optional.of(Template.of(post.get("text").asText()));
            } else if (post.path("params").isArray()) {
                StringBuilder form = new StringBuilder();
                for (JsonNode p : post.get("params")) {
                    if (!form.isEmpty()) {
                        form.append('&');
                    }
                    form.append(URLEncoder.encode(p.path("name").asText(""), StandardCharsets.UTF_8))
                            .append('=')
                            .append(URLEncoder.encode(p.path("value").asText(""), StandardCharsets.UTF_8));
                }
                body = Optional.of(Template.of(form.toString()));
            }
            String mime = post.path("mimeType").asText("");
            boolean hasType = headers.stream().anyMatch(h -> h.name().equalsIgnoreCase("content-type"));
            if (!hasType && !mime.isEmpty() && body.isPresent()) {
                headers.add(Header.of("Content-Type", mime));
            }
        }
        if (body.isPresent() && body.get().raw().isEmpty() && !method.equalsIgnoreCase("POST")) {
            body = Optional.empty();
        }
        try {
            return new Step(
                    RequestNames.of(method.toUpperCase(Locale.ROOT), path),
                    method,
                    Origin.of(uri),
                    Template.of(target),
                    headers,
                    body,
                    Think.NONE,
                    List.of());
        } catch (IllegalArgumentException e) {
            throw LiftoffException.usage(where + ": " + e.getMessage());
        }
    }
}
