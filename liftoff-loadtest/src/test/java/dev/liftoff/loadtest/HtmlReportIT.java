package dev.liftoff.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liftoff.loadtest.report.HtmlReport;
import dev.liftoff.loadtest.report.LoadTestResult;
import dev.liftoff.loadtest.scenario.ImportOptions;
import dev.liftoff.loadtest.slo.Slo;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report opened in a real browser: headless Chromium (Debian package {@code chromium}). */
class HtmlReportIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void chartsRenderInHeadlessChromium(@TempDir Path tmp) throws Exception {
        // CI installs Chromium; a developer machine without it skips this one test, saying how to get it.
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM),
                "skipped: no headless Chromium at " + CHROMIUM + "; install it with: apt-get install -y chromium");
        LoadTestResult result;
        try (TestHttpServer server = TestHttpServer.start()) {
            result = LoadTest.run(
                    new LoadTestConfig(
                            Optional.empty(),
                            Optional.of(server.url("/ok")),
                            ImportOptions.DEFAULTS,
                            new Model.Open(100, Duration.ZERO, 100),
                            Duration.ofSeconds(3),
                            Duration.ofSeconds(5),
                            Slo.parse("p99<1ms"),
                            2,
                            false),
                    new LoadTest.Listener() {});
        }
        Path html = tmp.resolve("report.html");
        HtmlReport.write(result, html);

        String dom = chromium(tmp, "--dump-dom", html.toUri().toString());

        // The browser parsed three SVG charts, each series with its points.
        assertThat(count(dom, "<svg")).isEqualTo(3);
        Matcher series = Pattern.compile("<g class=\"series\" data-series=\"([^\"]+)\" data-points=\"(\\d+)\"")
                .matcher(dom);
        List<String> drawn = new ArrayList<>();
        while (series.find()) {
            assertThat(Integer.parseInt(series.group(2))).as(series.group(1)).isGreaterThanOrEqualTo(3);
            drawn.add(series.group(1));
        }
        assertThat(drawn).contains("requests/s", "sessions started/s", "p50", "p90", "p99", "max", "errors/s");
        assertThat(count(dom, "<circle class=\"point\"")).isGreaterThan(20);
        assertThat(dom).contains("SLO broken: p99&lt;1ms").doesNotContain("<script");

        Path png = tmp.resolve("shot.png");
        chromium(
                tmp,
                "--screenshot=" + png,
                "--window-size=1000,1400",
                html.toUri().toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(pixelsNear(image, 0x1f77b4))
                .as("pixels of the first series' blue")
                .isGreaterThan(200);
        assertThat(pixelsNear(image, 0xd62728))
                .as("pixels of the second series' red")
                .isGreaterThan(50);
    }

    private static String chromium(Path tmp, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + tmp.resolve("profile")));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("chromium.out");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(tmp.resolve("chromium.err").toFile())
                .start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s");
        }
        assertThat(p.exitValue())
                .as(Files.readString(tmp.resolve("chromium.err")))
                .isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static int pixelsNear(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int c = image.getRGB(x, y);
                if (Math.abs(((c >> 16) & 0xff) - ((rgb >> 16) & 0xff)) < 24
                        && Math.abs(((c >> 8) & 0xff) - ((rgb >> 8) & 0xff)) < 24
                        && Math.abs((c & 0xff) - (rgb & 0xff)) < 24) {
                    n++;
                }
            }
        }
        return n;
    }
}
