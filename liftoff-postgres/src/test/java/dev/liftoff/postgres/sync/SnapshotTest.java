package dev.liftoff.postgres.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.LiftoffException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotTest {
    @Test
    void seesFinishedTransactionsOnly() {
        Snapshot s = Snapshot.parse("100:110:102,105");
        assertThat(s.isVisible(99)).isTrue();
        assertThat(s.isVisible(100)).isTrue();
        assertThat(s.isVisible(102)).isFalse();
        assertThat(s.isVisible(103)).isTrue();
        assertThat(s.isVisible(105)).isFalse();
        assertThat(s.isVisible(110)).isFalse();
        assertThat(s.isVisible(111)).isFalse();
    }

    @Test
    void printsWhatItParsed() {
        assertThat(Snapshot.parse("740:745:741,743")).hasToString("740:745:741,743");
        assertThat(Snapshot.parse("740:740:")).hasToString("740:740:");
    }

    @Test
    void refusesTextThatIsNoSnapshot() {
        assertThatThrownBy(() -> Snapshot.parse("12:x:"))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("not a PostgreSQL snapshot");
    }

    @Test
    void aLaterSnapshotSeesEverythingAnEarlierOneSaw() {
        Snapshot early = Snapshot.parse("100:105:101,103");
        Snapshot late = Snapshot.parse("103:120:103,111");
        assertThat(early.seenBy(late)).isTrue();
        assertThat(late.seenBy(early)).isFalse();
    }

    @Test
    void aSnapshotMissingATransactionTheOtherSawIsNotNewer() {
        Snapshot a = Snapshot.parse("100:105:");
        Snapshot b = Snapshot.parse("100:110:102");
        assertThat(a.seenBy(b)).isFalse();
    }

    @Test
    void intersectionSeesWhatEverySnapshotSees() {
        Snapshot a = Snapshot.parse("100:110:102");
        Snapshot b = Snapshot.parse("104:108:104,106");
        Snapshot i = Snapshot.intersection(List.of(a, b));
        for (long x = 95; x < 115; x++) {
            assertThat(i.isVisible(x)).as("xid " + x).isEqualTo(a.isVisible(x) && b.isVisible(x));
        }
        assertThat(i.seenBy(a)).isTrue();
        assertThat(i.seenBy(b)).isTrue();
    }

    @Test
    void widensThirtyTwoBitIdsAcrossAnEpoch() {
        long epoch1 = 1L << 32;
        Snapshot s = Snapshot.parse((epoch1 + 10) + ":" + (epoch1 + 20) + ":" + (epoch1 + 15));
        assertThat(s.isVisibleXid(5)).isTrue();
        assertThat(s.isVisibleXid(15)).isFalse();
        assertThat(s.isVisibleXid(25)).isFalse();
        // Just below the wrap: an id of the previous epoch, long finished.
        assertThat(s.isVisibleXid(-3)).isTrue();
    }
}
