package dev.liftoff.loadtest.scenario;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a recorded scenario is turned into requests.
 *
 * @param baseUrl retargets every request: scheme, host and port replaced, the base URL's path put before each path
 * @param appHost HAR: the host whose requests are the app's (default: the host of the first page request)
 * @param includeHosts HAR: other hosts whose requests are kept too
 * @param cookies HAR: keep recorded {@code Cookie} headers
 */
public record ImportOptions(
        Optional<BaseUrl> baseUrl, Optional<String> appHost, Set<String> includeHosts, boolean cookies) {
    public static final ImportOptions DEFAULTS = new ImportOptions(Optional.empty(), Optional.empty(), Set.of(), true);

    public ImportOptions {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(appHost, "appHost");
        includeHosts = Set.copyOf(includeHosts);
    }
}
