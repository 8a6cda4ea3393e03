package dev.liftoff.postgres.copy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The copy's status line names tables, rows, bytes, rate and ETA while rows load. */
class CopyProgressTest {
    @Test
    void showsTablesRowsBytesRateAndEtaWhileRowsLoad() throws Exception {
        CopyProgress p = new CopyProgress();
        p.tablesTotal = 4;
        p.tablesDone.set(1);
        p.stepsTotal = 6;
        p.rows.total(2_000_000);
        p.phase = "rows";
        p.rows.add(500_000);
        p.bytes.add(64L << 20);
        Thread.sleep(60); // the meters need some elapsed time to compute a rate

        String line = p.line();

        assertThat(line)
                .startsWith("copy: tables 1/4, rows 500k/2.0M (64")
                .contains(" rows/s, ")
                .contains("/s")
                .contains("ETA ")
                .endsWith("indexes and constraints 0/6");
    }

    @Test
    void namesThePhaseOutsideTheRowLoad() {
        CopyProgress p = new CopyProgress();
        assertThat(p.line()).isEqualTo("copy: preflight");
        p.phase = "post-data";
        p.stepsTotal = 3;
        p.stepsDone.set(2);
        assertThat(p.line()).isEqualTo("copy: indexes, constraints and triggers 2/3");
    }

    @Test
    void abbreviatesLargeCounts() {
        assertThat(CopyProgress.count(999)).isEqualTo("999");
        assertThat(CopyProgress.count(12_345)).isEqualTo("12k");
        assertThat(CopyProgress.count(1_234_567)).isEqualTo("1.2M");
        assertThat(CopyProgress.count(50_000_000)).isEqualTo("50M");
    }
}
