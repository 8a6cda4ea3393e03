package dev.liftoff.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.LiftoffException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
    @Test
    void matchesOnlyTheExactBearerToken() {
        AdminToken t = AdminToken.of("0123456789abcdef0123", "test");
        assertThat(t.matchesAuthorization("Bearer 0123456789abcdef0123")).isTrue();
        assertThat(t.matchesAuthorization("bearer 0123456789abcdef0123")).isTrue();
        assertThat(t.matchesAuthorization("Bearer 0123456789abcdef012")).isFalse();
        assertThat(t.matchesAuthorization("Bearer 0123456789abcdef01234")).isFalse();
        assertThat(t.matchesAuthorization("0123456789abcdef0123")).isFalse();
        assertThat(t.matchesAuthorization(null)).isFalse();
        assertThat(t.toString()).doesNotContain("0123456789");
    }

    @Test
    void readsTheFirstLineOfAFileAndRefusesWeakTokens(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("token");
        Files.writeString(f, "  0123456789abcdef0123  \nignored\n");
        assertThat(AdminToken.read(f).matchesAuthorization("Bearer 0123456789abcdef0123"))
                .isTrue();
        Files.writeString(f, "short\n");
        assertThatThrownBy(() -> AdminToken.read(f))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("at least 16")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> AdminToken.read(dir.resolve("missing")))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("openssl rand -hex 32");
    }
}
