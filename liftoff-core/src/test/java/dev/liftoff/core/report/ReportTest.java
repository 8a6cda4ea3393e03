package dev.liftoff.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    record Status(String phase, double lagSeconds, long appliedChanges) {}

    @Test
    void writesSnakeCaseJsonAtomically(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out/status.json");
        Json.write(file, new Status("streaming", 0.5, 42));
        assertThat(Files.readString(file))
                .contains("\"phase\" : \"streaming\"")
                .contains("\"lag_seconds\" : 0.5")
                .contains("\"applied_changes\" : 42");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void rendersAlignedTables() {
        String table = TextTable.of("table", "rows")
                .rightAlign(1)
                .row("orders", 1200)
                .row("customers", 7)
                .render();
        assertThat(table).isEqualTo("table      rows\n---------  ----\norders     1200\ncustomers     7");
    }
}
