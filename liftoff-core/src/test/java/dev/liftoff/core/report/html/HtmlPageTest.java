package dev.liftoff.core.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlPageTest {
    @Test
    void escapesTextEverywhere() {
        assertThat(Html.escape("<a href=\"x\">Tom & 'Jerry'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
        assertThat(Html.escape(null)).isEmpty();

        String page = HtmlPage.titled("<script>alert(1)</script>")
                .paragraph("a < b")
                .table(HtmlTable.of("name", "n").row("<b>", 1))
                .chart(LineChart.titled("t<").series("s\"", new double[] {1}, new double[] {2}, LineChart.Style.LINE))
                .render();

        assertThat(page).doesNotContain("<script>").doesNotContain("<b>").contains("&lt;script&gt;");
    }

    @Test
    void drawsSeriesWithAxesLegendAndPoints() {
        String svg = LineChart.titled("Throughput")
                .axes("seconds", "per second")
                .series("requests/s", new double[] {1, 2, 3}, new double[] {100, 250, 180}, LineChart.Style.AREA)
                .series("gaps", new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3}, LineChart.Style.LINE)
                .render();

        assertThat(svg)
                .contains("<svg")
                .contains("data-series=\"requests/s\" data-points=\"3\"")
                .contains("data-series=\"gaps\" data-points=\"2\"")
                .contains("<polygon class=\"area\"")
                .contains(">250</text>") // the top tick
                .contains("seconds")
                .contains("<div class=\"legend\">");
        assertThat(svg.split("<circle class=\"point\"", -1)).hasSize(6);
    }

    @Test
    void saysWhenAChartHasNoData() {
        assertThat(LineChart.titled("empty").render()).contains("no data");
    }

    @Test
    void roundsTickStepsToOneTwoOrFive() {
        assertThat(LineChart.niceStep(0.7)).isEqualTo(1);
        assertThat(LineChart.niceStep(13)).isEqualTo(20);
        assertThat(LineChart.niceStep(260)).isEqualTo(500);
        assertThat(LineChart.number(2.5)).isEqualTo("2.5");
        assertThat(LineChart.number(1200)).isEqualTo("1200");
    }

    @Test
    void writesASelfContainedPage(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("r.html");
        HtmlPage.titled("Report")
                .subtitle("sub")
                .callout("bad", "broken")
                .figures(List.<String[]>of(new String[] {"requests", "10"}))
                .table(HtmlTable.of("a", "b").rightAlign(1).row(HtmlTable.Status.BAD, "x", 2))
                .footer("made by a test")
                .write(file);

        String html = Files.readString(file);
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<style>")
                .doesNotContain("http://")
                .doesNotContain("<script")
                .contains("<tr class=\"bad\">")
                .contains("<td class=\"num\">2</td>");
    }
}
