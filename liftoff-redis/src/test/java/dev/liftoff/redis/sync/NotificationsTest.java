package dev.liftoff.redis.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotificationsTest {
    @Test
    void asksForKeyspaceEventsOfEveryClass() {
        assertThat(Notifications.missing("")).isEqualTo("Kg$lshzxet");
        assertThat(Notifications.missing("Ex")).isEqualTo("Kg$lshzet");
    }

    @Test
    void acceptsWhatHerokusCommandSets() {
        assertThat(Notifications.missing("AKE")).isEmpty();
        assertThat(Notifications.missing("KEA")).isEmpty();
    }
}
