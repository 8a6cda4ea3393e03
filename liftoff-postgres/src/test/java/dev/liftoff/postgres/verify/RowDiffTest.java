package dev.liftoff.postgres.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liftoff.postgres.VerifyResult.RowDifference;
import dev.liftoff.postgres.verify.RowDiff.Occurrence;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowDiffTest {
    @Test
    void namesMissingExtraAndDifferentKeys() {
        Map<String, Long> source = new LinkedHashMap<>(Map.of("1", 10L));
        source.put("2", 20L);
        source.put("3", 30L);
        Map<String, Long> target = new LinkedHashMap<>(Map.of("1", 10L));
        target.put("3", 31L);
        target.put("4", 40L);
        RowDiff diff = new RowDiff(10);
        diff.keyed(source, target, k -> "id=" + k);
        assertThat(diff.sample())
                .containsExactly(
                        new RowDifference("id=2", "missing on target"),
                        new RowDifference("id=3", "different"),
                        new RowDifference("id=4", "extra on target"));
        assertThat(diff.differing()).isEqualTo(3);
    }

    @Test
    void keepsABoundedSampleButCountsEverything() {
        Map<String, Long> source = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            source.put(Integer.toString(i), (long) i);
        }
        RowDiff diff = new RowDiff(5);
        diff.keyed(source, Map.of(), k -> k);
        assertThat(diff.sample()).hasSize(5);
        assertThat(diff.full()).isTrue();
        assertThat(diff.differing()).isEqualTo(100);
    }

    @Test
    void comparesRowsWithoutAKeyAsMultisets() {
        Map<Long, Occurrence> source = Map.of(1L, new Occurrence(3, "(a,1)"), 2L, new Occurrence(1, "(b,)"));
        Map<Long, Occurrence> target = Map.of(1L, new Occurrence(4, "(a,1)"), 3L, new Occurrence(1, "(c,)"));
        RowDiff diff = new RowDiff(10);
        diff.keyless(source, target);
        assertThat(diff.sample())
                .containsExactlyInAnyOrder(
                        new RowDifference("(a,1)", "3 on source, 4 on target"),
                        new RowDifference("(b,)", "missing on target"),
                        new RowDifference("(c,)", "extra on target"));
    }

    @Test
    void equalRowsAreNotNamed() {
        RowDiff diff = new RowDiff(10);
        diff.keyed(Map.of("1", 1L), Map.of("1", 1L), k -> k);
        diff.keyless(Map.of(1L, new Occurrence(2, "x")), Map.of(1L, new Occurrence(2, "x")));
        assertThat(diff.sample()).isEmpty();
        assertThat(diff.differing()).isZero();
    }
}
