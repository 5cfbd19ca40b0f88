package io.eventsaas.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

@DisplayName("JSON request body (shape only)")
class JsonBodyTest {

    private final ObjectMapper mapper = JsonMapper.builder().build();

    private JsonBody parse(String json) {
        return JsonBody.parse(json.getBytes(StandardCharsets.UTF_8), mapper);
    }

    @Test
    @DisplayName("given every field as a string, then their values, empty strings included")
    void strings() {
        assertThat(parse("{\"email\":\"a@example.com\",\"password\":\"\",\"name\":\"Ada\",\"extra\":1}")
                .requireStrings("email", "password", "name"))
                .containsExactly(java.util.Map.entry("email", "a@example.com"), java.util.Map.entry("password", ""),
                        java.util.Map.entry("name", "Ada"));
    }

    @Test
    @DisplayName("given missing, null and non-string fields, then one message per field")
    void wrongFields() {
        assertThatThrownBy(() -> parse("{\"password\":123,\"name\":null,\"tags\":[]}")
                .requireStrings("email", "password", "name"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.fieldErrors())
                        .containsEntry("email", "is required")
                        .containsEntry("password", "must be a string")
                        .containsEntry("name", "is required"));
    }

    @Test
    @DisplayName("given a body that is not a JSON object, then a clear message that quotes none of it")
    void malformed() {
        for (String body : new String[] {
                "{\"password\": \"s3cret-value", "[1,2]", "\"text\"", "{\"a\":\"1\"} trailing",
                "{\"email\":\"a\",\"email\":\"b\"}", "   "}) {
            assertThatThrownBy(() -> parse(body)).as(body)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("The request body")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
        }
        assertThatThrownBy(() -> JsonBody.parse(new byte[0], mapper)).hasMessageContaining("empty");
    }
}
