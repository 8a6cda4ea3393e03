package dev.liftoff.plan.sizing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task size Fargate accepts: vCPUs and memory in one of its allowed combinations (0.25 vCPU with 0.5-2 GB up to
 * 16 vCPU with 32-120 GB in 8 GB steps).
 */
public record FargateSize(BigDecimal vcpu, BigDecimal memoryGb) {
    private static final List<FargateSize> ALL = all();

    public FargateSize {
        Objects.requireNonNull(vcpu, "vcpu");
        Objects.requireNonNull(memoryGb, "memoryGb");
    }

    private static List<FargateSize> all() {
        List<FargateSize> sizes = new ArrayList<>();
        sizes.add(of("0.25", "0.5"));
        sizes.add(of("0.25", "1"));
        sizes.add(of("0.25", "2"));
        range(sizes, "0.5", 1, 4, 1);
        range(sizes, "1", 2, 8, 1);
        range(sizes, "2", 4, 16, 1);
        range(sizes, "4", 8, 30, 1);
        range(sizes, "8", 16, 60, 4);
        range(sizes, "16", 32, 120, 8);
        return List.copyOf(sizes);
    }

    private static void range(List<FargateSize> sizes, String vcpu, int fromGb, int toGb, int step) {
        for (int gb = fromGb; gb <= toGb; gb += step) {
            sizes.add(of(vcpu, Integer.toString(gb)));
        }
    }

    static FargateSize of(String vcpu, String gb) {
        return new FargateSize(new BigDecimal(vcpu), new BigDecimal(gb));
    }

    /** Every size Fargate accepts. */
    public static List<FargateSize> sizes() {
        return ALL;
    }

    /**
     * The cheapest size with at least the given vCPUs and memory at these prices, if Fargate has one that large.
     */
    public static Optional<FargateSize> cheapestFitting(
            BigDecimal vcpu, BigDecimal memoryGb, BigDecimal vcpuHour, BigDecimal gbHour) {
        return ALL.stream()
                .filter(s -> s.vcpu.compareTo(vcpu) >= 0 && s.memoryGb.compareTo(memoryGb) >= 0)
                .min(Comparator.comparing((FargateSize s) -> s.hourly(vcpuHour, gbHour))
                        .thenComparing(FargateSize::vcpu));
    }

    /** The largest task Fargate runs. */
    public static FargateSize largest() {
        return ALL.get(ALL.size() - 1);
    }

    public BigDecimal hourly(BigDecimal vcpuHour, BigDecimal gbHour) {
        return vcpu.multiply(vcpuHour).add(memoryGb.multiply(gbHour));
    }

    /** CPU units as a task definition writes them (1024 per vCPU). */
    public int cpuUnits() {
        return vcpu.multiply(BigDecimal.valueOf(1024)).intValueExact();
    }

    /** Memory in MiB as a task definition writes it. */
    public int memoryMiB() {
        return memoryGb.multiply(BigDecimal.valueOf(1024)).intValueExact();
    }

    @Override
    public String toString() {
        return vcpu.stripTrailingZeros().toPlainString() + " vCPU / "
                + memoryGb.stripTrailingZeros().toPlainString() + " GB";
    }
}
