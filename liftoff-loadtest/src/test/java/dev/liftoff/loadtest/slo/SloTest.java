package dev.liftoff.loadtest.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.loadtest.report.CheckResult;
import dev.liftoff.loadtest.report.SloResult;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SloTest {
    @Test
    void parsesRunWideAndPerRequestChecks() {
        Slo slo = Slo.parse("p95<300ms, p99.9<=1s,errors<1%,rps>=400,GET /api/orders:p95<200ms,max<2s,mean<50ms");

        assertThat(slo.checks()).hasSize(7);
        Check p95 = slo.checks().get(0);
        assertThat(p95.metric()).isEqualTo(Metric.PERCENTILE);
        assertThat(p95.percentile()).isEqualTo(95);
        assertThat(p95.threshold()).isEqualTo(300);
        assertThat(slo.checks().get(1).percentile()).isEqualTo(99.9);
        assertThat(slo.checks().get(1).threshold()).isEqualTo(1000);
        assertThat(slo.checks().get(2).threshold()).isEqualTo(0.01);
        assertThat(slo.checks().get(3).op()).isEqualTo(Check.Comparison.GE);
        assertThat(slo.checks().get(4).request()).contains("GET /api/orders");
    }

    @Test
    void namesThePositionOfBadSyntax() {
        assertThat(error("p95<300ms,p99<1xs")).contains("at character 15 expected a duration");
        assertThat(error("p95<300ms,latency<1s")).contains("at character 11 expected a metric");
        assertThat(error("p95=300ms")).contains("at character 4 expected a comparison");
        assertThat(error("errors<1")).contains("at character 8 expected a percentage");
        assertThat(error("p95<300ms,,rps>1")).contains("at character 11 expected an objective");
        assertThat(error(":p95<1s")).contains("at character 1 expected a request name");
    }

    private static String error(String text) {
        try {
            Slo.parse(text);
        } catch (LiftoffException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
            return e.getMessage();
        }
        throw new AssertionError("no error for " + text);
    }

    @Test
    void judgesChecksAgainstMeasuredFigures() {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 100; i++) {
            h.recordValue(i * 1000L); // 1..100 ms
        }
        Slo slo = Slo.parse("p95<300ms,p99<50ms,errors<1%,rps>=400,x:p50<1ms");

        SloResult run = Evaluation.judge(slo, Optional.empty(), new Evaluation.Figures(100, 2, 500, h));

        assertThat(run.checks())
                .extracting(CheckResult::check, CheckResult::passed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("p95<300ms", true),
                        org.assertj.core.groups.Tuple.tuple("p99<50ms", false),
                        org.assertj.core.groups.Tuple.tuple("errors<1%", false),
                        org.assertj.core.groups.Tuple.tuple("rps>=400", true));
        assertThat(run.passed()).isFalse();
        assertThat(run.checks().get(2).actual()).isEqualTo(2.0);
        assertThat(run.broken())
                .extracting(CheckResult::explain)
                .containsExactly("p99<50ms (measured 99.01ms)", "errors<1% (measured 2%)");
    }

    @Test
    void refusesChecksOnUnknownRequests() {
        assertThatThrownBy(() -> Slo.parse("GET /x:p95<1s").requireRequests(List.of("GET /a", "GET /b")))
                .hasMessageContaining("no request named 'GET /x'")
                .hasMessageContaining("GET /a, GET /b");
    }
}
