package dev.liftoff.plan.sizing;

import java.util.List;
import java.util.Objects;

/**
 * A Heroku Postgres add-on as an RDS PostgreSQL instance.
 *
 * @param addon the add-on's name
 * @param plan the Heroku plan it replaces
 * @param instanceClass the RDS instance class ({@code db.t4g.large})
 * @param storageGb allocated gp3 storage
 * @param multiAz whether a standby runs in a second AZ (Heroku Premium and up)
 * @param configVars the config vars the add-on set, which the new stack replaces
 * @param rationale how the class was chosen
 */
public record DatabaseSize(
        String addon,
        String plan,
        String instanceClass,
        int storageGb,
        boolean multiAz,
        List<String> configVars,
        String rationale) {
    public DatabaseSize {
        Objects.requireNonNull(addon, "addon");
        Objects.requireNonNull(instanceClass, "instanceClass");
        if (storageGb < 20) {
            throw new IllegalArgumentException("RDS gp3 storage starts at 20 GB, got " + storageGb);
        }
        configVars = List.copyOf(configVars);
    }
}
