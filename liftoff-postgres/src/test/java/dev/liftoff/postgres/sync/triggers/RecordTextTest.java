package dev.liftoff.postgres.sync.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordTextTest {
    @Test
    void readsPlainQuotedEmptyAndNullFields() {
        assertThat(RecordText.parse("(1,\"a b\",,\"\")", 4)).containsExactly("1", "a b", null, "");
    }

    @Test
    void readsQuotesBackslashesCommasAndParentheses() {
        assertThat(RecordText.parse("(\"say \"\"hi\"\", (x)\",\"back\\\\slash\",\"{1,2}\")", 3))
                .containsExactly("say \"hi\", (x)", "back\\slash", "{1,2}");
    }

    @Test
    void tellsOneNullColumnFromNoColumns() {
        assertThat(RecordText.parse("()", 1)).containsExactly((String) null);
        assertThat(RecordText.parse("()", 0)).isEmpty();
    }

    @Test
    void readsATrailingNull() {
        assertThat(RecordText.parse("(1,)", 2)).containsExactly("1", null);
    }

    @Test
    void refusesARowOfAnotherWidth() {
        assertThatThrownBy(() -> RecordText.parse("(1,2,3)", 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 columns");
    }
}
