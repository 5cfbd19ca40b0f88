package io.eventsaas.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

@DisplayName("Correlation id")
class CorrelationIdTest {

    @Test
    @DisplayName("given an id-shaped header, then it is kept; otherwise a UUID replaces it")
    void acceptOrGenerate() {
        assertThat(CorrelationId.acceptOrGenerate("req-123_abc.9:x")).isEqualTo("req-123_abc.9:x");
        for (String bad : new String[] {null, "", "has space", "line\nbreak", "<script>", "x".repeat(101)}) {
            assertThat(UUID.fromString(CorrelationId.acceptOrGenerate(bad))).as(String.valueOf(bad)).isNotNull();
        }
    }

    @Test
    @DisplayName("the filter puts the id on the request and the response")
    void filter() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        request.addHeader(CorrelationId.HEADER, "abc-1");
        MockHttpServletResponse response = new MockHttpServletResponse();

        new CorrelationIdFilter().doFilter(request, response,
                (req, res) -> assertThat(CorrelationId.of((MockHttpServletRequest) req)).isEqualTo("abc-1"));

        assertThat(response.getHeader(CorrelationId.HEADER)).isEqualTo("abc-1");
    }
}
