package dev.liftoff.migrate.phases;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.gateway.AdminClient;
import dev.liftoff.gateway.AdminToken;
import dev.liftoff.gateway.Mode;
import dev.liftoff.gateway.Upstream;
import dev.liftoff.migrate.config.FreezeMode;
import dev.liftoff.migrate.config.GatewaySettings;
import dev.liftoff.migrate.runbook.TrafficSwitch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Objects;

/**
 * The cutover's traffic levers pulled through a running gateway's admin API. Thread-safe as {@link AdminClient} is;
 * the creator closes it.
 */
public final class GatewaySwitch implements TrafficSwitch, AutoCloseable {
    private final AdminClient admin;
    private final Upstream newUpstream;

    public GatewaySwitch(AdminClient admin, Upstream newUpstream) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.newUpstream = Objects.requireNonNull(newUpstream, "newUpstream");
    }

    /**
     * Connects to the gateway that {@code liftoff.yaml} names, reading the token from its file.
     *
     * @throws LiftoffException a usage error when the token file or the new upstream is unusable
     */
    public static GatewaySwitch of(GatewaySettings settings) {
        AdminToken token = token(settings);
        Upstream upstream = Upstream.parse(settings.newUpstream().toString(), "gateway.new_upstream");
        return new GatewaySwitch(new AdminClient(settings.admin(), token), upstream);
    }

    /**
     * The admin token from {@code gateway.token_file}.
     *
     * @throws LiftoffException a usage error naming the file when it is unreadable or the token unusable
     */
    public static AdminToken token(GatewaySettings settings) {
        String text;
        try {
            text = Files.readString(settings.tokenFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw LiftoffException.usage("gateway.token_file " + settings.tokenFile() + " cannot be read ("
                    + e.getClass().getSimpleName() + "); point it at the file the gateway was started with");
        }
        return AdminToken.of(text.lines().findFirst().orElse("").strip(), "gateway.token_file " + settings.tokenFile());
    }

    @Override
    public boolean switched() {
        return Upstream.parse(admin.status().upstream(), "the gateway's upstream")
                .equals(newUpstream);
    }

    @Override
    public void freeze(FreezeMode mode) {
        admin.mode(mode == FreezeMode.HOLD ? Mode.HOLD : Mode.MAINTENANCE);
    }

    @Override
    public boolean waitIdle(Duration timeout) {
        return admin.waitIdle(timeout).idle();
    }

    @Override
    public void switchUpstream() {
        admin.switchTo(newUpstream);
    }

    @Override
    public void release() {
        admin.mode(Mode.PASS);
    }

    @Override
    public void close() {
        admin.close();
    }
}
