package dev.liftoff.migrate.phases;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.migrate.config.GatewaySettings;
import dev.liftoff.migrate.config.VerifyTiming;
import dev.liftoff.migrate.runbook.DataHandoff;
import dev.liftoff.migrate.runbook.Phase;
import dev.liftoff.migrate.runbook.PhaseOutcome;
import dev.liftoff.migrate.runbook.RunContext;
import dev.liftoff.migrate.runbook.TrafficSwitch;
import dev.liftoff.migrate.runbook.Verdict;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * After the switch: the gateway passes traffic to the new upstream, the new platform answers, and the syncs (no longer
 * needed: the old platform takes no writes) are stopped. With {@code verify: before_switch} data equality was proven
 * inside the freeze; with {@code after_switch} the exact comparison of the snapshots the cutover took inside the freeze
 * runs here (old and new as they were at the switch, whatever the new platform writes since), and a difference fails
 * the run naming it.
 */
public final class PostVerifyPhase implements Phase {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final GatewaySettings gateway;
    private final TrafficSwitch traffic;
    private final Runnable stopSyncs;
    private final DataHandoff data;
    private final VerifyTiming verify;

    /**
     * @param stopSyncs stops the syncs this process runs, once traffic is proven on the new platform
     * @param data where the cutover pinned the snapshots for an exact comparison after the switch
     * @param verify when the cutover verified: after the switch means here
     */
    public PostVerifyPhase(
            GatewaySettings gateway, TrafficSwitch traffic, Runnable stopSyncs, DataHandoff data, VerifyTiming verify) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.traffic = Objects.requireNonNull(traffic, "traffic");
        this.stopSyncs = Objects.requireNonNull(stopSyncs, "stopSyncs");
        this.data = Objects.requireNonNull(data, "data");
        this.verify = Objects.requireNonNull(verify, "verify");
    }

    @Override
    public String name() {
        return "post-verify";
    }

    @Override
    public String description() {
        return "check the gateway passes to the new upstream and the new platform answers; stop the syncs"
                + (verify == VerifyTiming.AFTER_SWITCH ? "; compare the data as it was at the switch, exactly" : "");
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
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("new_upstream_status", (long) code);
        String verified = "";
        if (verify == VerifyTiming.AFTER_SWITCH) {
            long t = System.nanoTime();
            Optional<Verdict> verdict = data.verifyPinned();
            metrics.put("verify_ms", (System.nanoTime() - t) / 1_000_000);
            if (verdict.isEmpty()) {
                // The snapshots lived in the process that switched; this one was started after it.
                ctx.note("no snapshots from the switch in this process (it restarted after the switch): the exact"
                        + " comparison of the switch moment cannot be made now");
                metrics.put("verify", "not made: the run restarted after the switch");
                verified = "; exact verify not made (the run restarted after the switch)";
            } else if (!verdict.get().same()) {
                throw LiftoffException.checkFailed(
                        "the data at the switch differed: " + verdict.get().summary()
                                + "; traffic is on the new platform and the old database has taken no writes since: compare"
                                + " them with liftoff pg verify and decide before the new platform drifts further");
            } else {
                ctx.note("verify after the switch clean: " + verdict.get().summary());
                metrics.put("verify", verdict.get().summary());
                verified = "; data at the switch equal (" + verdict.get().summary() + ")";
            }
        }
        return PhaseOutcome.done("traffic on " + gateway.newUpstream() + ", which answers " + code + verified, metrics);
    }
}
