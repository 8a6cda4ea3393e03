package dev.liftoff.plan.heroku;

import java.util.Objects;

/**
 * One process type of an app as Heroku runs it: {@code web: 2 × Standard-2X}.
 *
 * @param type the Procfile process type ({@code web}, {@code worker}, ...)
 * @param quantity how many dynos run it now (0 when scaled down)
 * @param size the dyno size, resolved to a known one
 * @param command the command the dynos run
 */
public record Formation(String type, int quantity, DynoSize size, String command) {
    public Formation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(size, "size");
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity of " + type + " is negative: " + quantity);
        }
        command = command == null ? "" : command;
    }

    public boolean isWeb() {
        return type.equals("web");
    }
}
