package dev.liftoff.redis;

import dev.liftoff.redis.verify.Difference;
import java.util.List;

/**
 * What a verify found.
 *
 * @param source the source URL, password masked
 * @param target the target URL, password masked
 * @param scope {@code full} or {@code sample}
 * @param databases the logical databases compared
 * @param keysCompared source keys compared (plus target keys checked for existence on the source)
 * @param differences how many keys differ
 * @param missingOnTarget keys only on the source
 * @param extraOnTarget keys only on the target
 * @param typeMismatches keys of another type on the target
 * @param contentMismatches keys whose values differ
 * @param ttlMismatches keys whose expiry differs beyond the tolerance
 * @param examples the first differing keys, at most the configured number
 * @param seconds wall time
 */
public record VerifyResult(
        String source,
        String target,
        String scope,
        List<Integer> databases,
        long keysCompared,
        long differences,
        long missingOnTarget,
        long extraOnTarget,
        long typeMismatches,
        long contentMismatches,
        long ttlMismatches,
        List<Difference> examples,
        double seconds) {
    public VerifyResult {
        databases = List.copyOf(databases);
        examples = List.copyOf(examples);
    }

    /** True when nothing differs. */
    public boolean same() {
        return differences == 0;
    }
}
