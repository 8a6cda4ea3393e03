package dev.liftoff.postgres.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SplitTest {
    @Test
    void keyRangesCoverTheSourceKeysWithoutGapsOrOverlap() {
        Split.KeyRange r = Split.KeyRange.of("id", "id", 1, 1000, 4);
        assertThat(r).isNotNull();
        assertThat(r.ranges()).isEqualTo(4);
        assertThat(r.label(0)).isEqualTo("id 1..250");
        assertThat(r.label(3)).isEqualTo("id 751..1000");
        assertThat(r.label(-1)).isEqualTo("id < 1");
        assertThat(r.label(4)).isEqualTo("id > 1000");
        assertThat(r.rowsOf(1, null, null)).isEqualTo("t.id BETWEEN '251'::int8 AND '500'::int8");
        assertThat(r.rowsOf(4, null, null)).isEqualTo("t.id > '1000'::int8");
    }

    @Test
    void keyRangesShrinkWhenThereAreFewerKeysThanRanges() {
        Split.KeyRange r = Split.KeyRange.of("id", "id", 10, 12, 8);
        assertThat(r.ranges()).isEqualTo(3);
        assertThat(r.label(2)).isEqualTo("id 12..12");
    }

    @Test
    void keyRangesHandleNegativeKeysAndTheLastRangeEndsAtTheLargestKey() {
        Split.KeyRange r = Split.KeyRange.of("k", "k", -10, 10, 3);
        assertThat(r.ranges()).isEqualTo(3);
        assertThat(r.label(0)).isEqualTo("k -10..-4");
        assertThat(r.label(2)).isEqualTo("k 4..10");
        assertThat(r.rangeOf(null)).contains("(t.k::int8 - '-10'::int8) / 7");
    }

    @Test
    void refusesAKeySpanThatWouldOverflow() {
        assertThat(Split.KeyRange.of("id", "id", Long.MIN_VALUE, Long.MAX_VALUE, 4))
                .isNull();
    }

    @Test
    void hashBucketsAreNumberedFromOneForPeople() {
        Split.Hash byRow = new Split.Hash(20, false);
        assertThat(byRow.label(0)).isEqualTo("hash bucket 1 of 20");
        assertThat(byRow.usesRowHash()).isTrue();
        assertThat(byRow.rangeOf("ignored")).isEqualTo("(h & " + Split.POSITIVE + ") % 20");
        Split.Hash byKey = new Split.Hash(20, true);
        assertThat(byKey.usesRowHash()).isFalse();
        assertThat(byKey.rowsOf(3, "KEY", "ROWHASH"))
                .isEqualTo("(hashtextextended(KEY, 1) & " + Split.POSITIVE + ") % 20 = 3");
    }
}
