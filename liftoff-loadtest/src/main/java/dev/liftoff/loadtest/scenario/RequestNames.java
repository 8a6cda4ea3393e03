package dev.liftoff.loadtest.scenario;

import java.util.regex.Pattern;

/**
 * Names requests by method and path template, so {@code GET /api/orders/1234} and {@code GET /api/orders/987} report
 * together as {@code GET /api/orders/{id}}: path segments that are numbers, UUIDs, long hex strings or long tokens
 * with digits become {@code {id}}; the query is left out.
 */
final class RequestNames {
    private static final Pattern ID = Pattern.compile(
            "\\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{16,}"
                    + "|(?=[A-Za-z0-9_-]*\\d)[A-Za-z0-9_-]{20,}");

    private RequestNames() {}

    static String of(String method, String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        StringBuilder sb = new StringBuilder(method).append(' ');
        String[] parts = path.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(ID.matcher(parts[i]).matches() ? "{id}" : parts[i]);
        }
        return sb.toString();
    }
}
