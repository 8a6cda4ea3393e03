package dev.liftoff.gateway;

import dev.liftoff.core.Durations;
import dev.liftoff.core.LiftoffException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link Gateway#start} needs, validated up front. Build one with {@link #builder}; the nullable components
 * say so below.
 *
 * @param listen where clients connect
 * @param upstream where requests go until a switch
 * @param admin where the admin API and metrics listen (loopback is the sane choice: the API is plain HTTP)
 * @param adminToken the bearer token every admin route requires
 * @param holdTimeout how long a request may wait in {@link Mode#HOLD} before it gets 503
 * @param holdMax how many requests may wait at once; the next one gets 503 straight away
 * @param maintenancePage an HTML file served in {@link Mode#MAINTENANCE}, or null for the built-in page
 * @param sessionCookie the cookie that identifies an active user, or null to count client addresses
 * @param activeWindow how recently a user must have sent a request to count as active
 * @param tls the certificate and key when the gateway terminates HTTPS itself, or null for plain HTTP
 * @param upstreamTrust a PEM file of CA certificates trusted for an https upstream, or null for the JDK's defaults
 * @param hostHeader which {@code Host} header the upstream receives
 * @param metricsPublic whether {@code GET /metrics} on the admin listener answers without the token
 * @param ioThreads event-loop threads for proxying; one per core is right for almost everyone
 */
public record GatewayConfig(
        HostPort listen,
        Upstream upstream,
        HostPort admin,
        AdminToken adminToken,
        Duration holdTimeout,
        int holdMax,
        Path maintenancePage,
        String sessionCookie,
        Duration activeWindow,
        TlsFiles tls,
        Path upstreamTrust,
        HostHeader hostHeader,
        boolean metricsPublic,
        int ioThreads) {

    /** The default {@link #holdTimeout}: half of Heroku's 30 s router timeout, so clients see our 503, not theirs. */
    public static final Duration DEFAULT_HOLD_TIMEOUT = Duration.ofSeconds(15);
    /** The default {@link #holdMax}. */
    public static final int DEFAULT_HOLD_MAX = 10_000;
    /** The default {@link #activeWindow}. */
    public static final Duration DEFAULT_ACTIVE_WINDOW = Duration.ofMinutes(5);
    /** The largest maintenance page accepted: it is held in memory. */
    public static final long MAX_PAGE_BYTES = 1 << 20;

    public GatewayConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(hostHeader, "hostHeader");
        if (holdTimeout == null || holdTimeout.isNegative() || holdTimeout.isZero()) {
            throw LiftoffException.usage("--hold-timeout must be positive, e.g. 15s");
        }
        if (holdTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw LiftoffException.usage("--hold-timeout " + Durations.human(holdTimeout)
                    + " is longer than any client waits; use seconds, e.g. 15s");
        }
        if (holdMax < 0) {
            throw LiftoffException.usage("--hold-max must be 0 or more (0 refuses every request while holding)");
        }
        if (activeWindow == null || activeWindow.isNegative() || activeWindow.isZero()) {
            throw LiftoffException.usage("--active-window must be positive, e.g. 5m");
        }
        if (maintenancePage != null) {
            try {
                if (!Files.isRegularFile(maintenancePage) || Files.size(maintenancePage) > MAX_PAGE_BYTES) {
                    throw LiftoffException.usage(
                            "--maintenance-page " + maintenancePage + " must be a readable HTML file of at most 1 MiB");
                }
            } catch (java.io.IOException e) {
                throw LiftoffException.usage("--maintenance-page " + maintenancePage + " cannot be read: " + e);
            }
        }
        if (sessionCookie != null && !sessionCookie.matches("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+")) {
            throw LiftoffException.usage("--session-cookie '" + sessionCookie + "' is not a cookie name");
        }
        if (upstreamTrust != null && !Files.isReadable(upstreamTrust)) {
            throw LiftoffException.usage("--upstream-ca " + upstreamTrust + " is not a readable PEM file");
        }
        if (ioThreads < 1 || ioThreads > 256) {
            throw LiftoffException.usage("ioThreads " + ioThreads + " is out of range 1-256");
        }
    }

    /** Starts a builder with the four settings that have no default. */
    public static Builder builder(HostPort listen, Upstream upstream, HostPort admin, AdminToken adminToken) {
        return new Builder(listen, upstream, admin, adminToken);
    }

    /** Collects the optional settings; not thread-safe, use it on one thread and throw it away. */
    public static final class Builder {
        private final HostPort listen;
        private final Upstream upstream;
        private final HostPort admin;
        private final AdminToken adminToken;
        private Duration holdTimeout = DEFAULT_HOLD_TIMEOUT;
        private int holdMax = DEFAULT_HOLD_MAX;
        private Path maintenancePage;
        private String sessionCookie;
        private Duration activeWindow = DEFAULT_ACTIVE_WINDOW;
        private TlsFiles tls;
        private Path upstreamTrust;
        private HostHeader hostHeader = HostHeader.PRESERVE;
        private boolean metricsPublic;
        private int ioThreads = Runtime.getRuntime().availableProcessors();

        private Builder(HostPort listen, Upstream upstream, HostPort admin, AdminToken adminToken) {
            this.listen = listen;
            this.upstream = upstream;
            this.admin = admin;
            this.adminToken = adminToken;
        }

        public Builder holdTimeout(Duration v) {
            holdTimeout = v;
            return this;
        }

        public Builder holdMax(int v) {
            holdMax = v;
            return this;
        }

        public Builder maintenancePage(Path v) {
            maintenancePage = v;
            return this;
        }

        public Builder sessionCookie(String v) {
            sessionCookie = v;
            return this;
        }

        public Builder activeWindow(Duration v) {
            activeWindow = v;
            return this;
        }

        public Builder tls(TlsFiles v) {
            tls = v;
            return this;
        }

        public Builder upstreamTrust(Path v) {
            upstreamTrust = v;
            return this;
        }

        public Builder hostHeader(HostHeader v) {
            hostHeader = v;
            return this;
        }

        public Builder metricsPublic(boolean v) {
            metricsPublic = v;
            return this;
        }

        public Builder ioThreads(int v) {
            ioThreads = v;
            return this;
        }

        public GatewayConfig build() {
            return new GatewayConfig(
                    listen,
                    upstream,
                    admin,
                    adminToken,
                    holdTimeout,
                    holdMax,
                    maintenancePage,
                    sessionCookie,
                    activeWindow,
                    tls,
                    upstreamTrust,
                    hostHeader,
                    metricsPublic,
                    ioThreads);
        }
    }
}
