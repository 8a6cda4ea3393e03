package dev.liftoff.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonPathTest {
    private final JsonNode doc = read("{\"token\":\"t\",\"data\":{\"items\":[{\"id\":7},{\"id\":8}],\"user-id\":3}}");

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void findsFieldsIndexesWildcardsAndDeepNames() {
        assertThat(JsonPath.compile("$.token").evaluate(doc)).contains("t");
        assertThat(JsonPath.compile("$.data.items[1].id").evaluate(doc)).contains("8");
        assertThat(JsonPath.compile("$.data.items[-1].id").evaluate(doc)).contains("8");
        assertThat(JsonPath.compile("$.data['user-id']").evaluate(doc)).contains("3");
        assertThat(JsonPath.compile("$.data.items[*].id").evaluate(doc)).contains("7");
        assertThat(JsonPath.compile("$..id").evaluate(doc)).contains("7");
        assertThat(JsonPath.compile("$.data.items[0]").evaluate(doc)).contains("{\"id\":7}");
        assertThat(JsonPath.compile("$.missing").evaluate(doc)).isEmpty();
    }

    @Test
    void namesThePositionOfASyntaxError() {
        assertThatThrownBy(() -> JsonPath.compile("$.a[b")).hasMessageContaining("at character 4");
        assertThatThrownBy(() -> JsonPath.compile("token")).hasMessageContaining("starts with '$'");
    }
}
