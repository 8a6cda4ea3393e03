package dev.liftoff.plan.heroku;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A Heroku dyno size and what it gives a process, from Heroku's dyno-types article: the vCPUs a like-for-like
 * Fargate task must match (shared-CPU dynos get the smallest task's share) and the memory.
 *
 * @param name Heroku's name, e.g. {@code Standard-2X}
 * @param vcpu the vCPUs to match on Fargate
 * @param memoryMb the dyno's memory in MB
 * @param eco whether the dyno draws on the account's Eco hour pool instead of a price per dyno
 */
public record DynoSize(String name, BigDecimal vcpu, int memoryMb, boolean eco) {
    private static final List<DynoSize> KNOWN = List.of(
            new DynoSize("Eco", new BigDecimal("0.25"), 512, true),
            new DynoSize("Basic", new BigDecimal("0.25"), 512, false),
            new DynoSize("Standard-1X", new BigDecimal("0.25"), 512, false),
            new DynoSize("Standard-2X", new BigDecimal("0.5"), 1024, false),
            new DynoSize("Performance-M", new BigDecimal("2"), 2560, false),
            new DynoSize("Performance-L", new BigDecimal("8"), 14336, false),
            new DynoSize("Performance-L-RAM", new BigDecimal("4"), 30720, false),
            new DynoSize("Performance-XL", new BigDecimal("8"), 63488, false),
            new DynoSize("Performance-2XL", new BigDecimal("16"), 129024, false));

    public DynoSize {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vcpu, "vcpu");
        if (vcpu.signum() <= 0 || memoryMb <= 0) {
            throw new IllegalArgumentException("dyno size " + name + " needs vCPUs and memory");
        }
    }

    /**
     * The known size with this name, case-insensitively, including the legacy names ({@code 1X}, {@code 2X},
     * {@code PX}, {@code Hobby}, {@code Free}) that old apps still report.
     */
    public static Optional<DynoSize> find(String name) {
        String n =
                switch (name.strip().toLowerCase(Locale.ROOT)) {
                    case "1x" -> "standard-1x";
                    case "2x" -> "standard-2x";
                    case "px" -> "performance-l";
                    case "hobby" -> "basic";
                    case "free" -> "eco";
                    default -> name.strip().toLowerCase(Locale.ROOT);
                };
        return KNOWN.stream()
                .filter(s -> s.name.toLowerCase(Locale.ROOT).equals(n))
                .findFirst();
    }

    /** The names {@link #find} knows, for error messages. */
    public static List<String> knownNames() {
        return KNOWN.stream().map(DynoSize::name).toList();
    }

    public BigDecimal memoryGb() {
        return BigDecimal.valueOf(memoryMb).divide(BigDecimal.valueOf(1024));
    }
}
