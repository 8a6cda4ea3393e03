package dev.liftoff.migrate.phases;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.migrate.config.GatewaySettings;
import dev.liftoff.migrate.runbook.Phase;
import dev.liftoff.migrate.runbook.PhaseOutcome;
import dev.liftoff.migrate.runbook.RunContext;
import dev.liftoff.migrate.runbook.TrafficSwitch;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * After the switch: the gateway passes traffic to the new upstream, the new platform answers, and the syncs (no longer
 * needed: the old platform takes no writes) are stopped. Data equality was proven by the quick verify inside the
 * freeze; once writes flow to the new platform, old and new rightly differ.
 */
public final class PostVerifyPhase implements Phase {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final GatewaySettings gateway;
    private final TrafficSwitch traffic;
    private final Runnable stopSyncs;

    /** @param stopSyncs stops the syncs this process runs, once traffic is proven on the new platform */
    public PostVerifyPhase(GatewaySettings gateway, TrafficSwitch traffic, Runnable stopSyncs) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.traffic = Objects.requireNonNull(traffic, "traffic");
        this.stopSyncs = Objects.requireNonNull(stopSyncs, "stopSyncs");
    }

    @Override
    public String name() {
        return "post-verify";
    }

    @Override
    public String description() {
        return "check the gateway passes to the new upstream and the new platform answers; stop the syncs";
    }

    @Override
    public PhaseOutcome run(RunContext ctx) {
        if (!traffic.switched()) {
            throw LiftoffException.checkFailed("the gateway does not send traffic to " + gateway.newUpstream()
                    + " although the cutover switched it; someone switched it back? check 'liftoff gateway status'");
        }
        int code;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            code = http.send(
                            HttpRequest.newBuilder(gateway.newUpstream())
                                    .timeout(TIMEOUT)
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw LiftoffException.checkFailed("the new platform at " + gateway.newUpstream()
                    + " does not answer (" + e.getClass().getSimpleName() + ") although traffic goes there;"
                    + " check its web process now");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LiftoffException.environment("interrupted while checking the new platform", e);
        }
        if (code >= 500) {
            throw LiftoffException.checkFailed("the new platform at " + gateway.newUpstream() + " answers " + code
                    + " to GET /; check its web process and logs now");
        }
        stopSyncs.run();
        ctx.note("syncs stopped");
        return PhaseOutcome.done(
                "traffic on " + gateway.newUpstream() + ", which answers " + code,
                Map.of("new_upstream_status", (long) code));
    }
}
