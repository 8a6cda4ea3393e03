package dev.liftoff.plan.heroku;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One add-on attached to an app.
 *
 * @param name the add-on's own name ({@code postgresql-deep-4242})
 * @param service the add-on service ({@code heroku-postgresql})
 * @param plan the full plan name ({@code heroku-postgresql:essential-1})
 * @param monthlyUsd the price Heroku bills for it a month, or null when the export does not carry one
 * @param priceSource where {@code monthlyUsd} came from ({@code addons.json billed_price}), or null
 * @param configVars the config vars the add-on sets ({@code DATABASE_URL})
 */
public record Addon(
        String name, String service, String plan, BigDecimal monthlyUsd, String priceSource, List<String> configVars) {
    /** What an add-on becomes on AWS. */
    public enum Kind {
        POSTGRES,
        REDIS,
        LOGGING,
        SCHEDULER,
        /** Nothing on AWS replaces it: it stays the vendor's own service, at its price. */
        NOT_MAPPED
    }

    private static final List<String> LOGGING_SERVICES = List.of(
            "papertrail",
            "logdna",
            "mezmo",
            "logentries",
            "sumologic",
            "coralogix",
            "logtail",
            "better-stack",
            "solarwinds",
            "loggly",
            "sematext-logsene");

    public Addon {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(plan, "plan");
        configVars = List.copyOf(configVars);
    }

    public Kind kind() {
        String s = service.toLowerCase(Locale.ROOT);
        if (s.equals("heroku-postgresql")) {
            return Kind.POSTGRES;
        }
        if (s.equals("heroku-redis")) {
            return Kind.REDIS;
        }
        if (s.equals("scheduler")) {
            return Kind.SCHEDULER;
        }
        if (LOGGING_SERVICES.contains(s)) {
            return Kind.LOGGING;
        }
        return Kind.NOT_MAPPED;
    }

    /** The plan without its service prefix: {@code essential-1}. */
    public String tier() {
        int colon = plan.indexOf(':');
        return colon < 0 ? plan : plan.substring(colon + 1);
    }
}
