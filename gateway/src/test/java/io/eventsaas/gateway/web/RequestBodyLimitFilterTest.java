package io.eventsaas.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsaas.gateway.GatewayProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

@DisplayName("Request body limit")
class RequestBodyLimitFilterTest {

    private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(
            new GatewayProperties("", Duration.ofDays(1), DataSize.ofKilobytes(64), ""));

    @Test
    @DisplayName("given a Content-Length over 64 KiB, then 400 before anything reads the body")
    void declaredTooLarge() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/signup");
        request.setContent(new byte[70 * 1024]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<Boolean> reached = new AtomicReference<>(false);

        filter.doFilter(request, response, (req, res) -> reached.set(true));

        assertThat(reached.get()).isFalse();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getErrorMessage()).contains("larger than 65536 bytes");
    }

    @Test
    @DisplayName("given a body without Content-Length, then reading stops with 400 once it passes 64 KiB")
    void chunkedTooLarge() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/signup") {
            @Override
            public long getContentLengthLong() {
                return -1; // as for a chunked request
            }
        };
        request.setContent(("{\"name\":\"" + "a".repeat(70 * 1024) + "\"}").getBytes());
        AtomicReference<HttpServletRequest> passed = new AtomicReference<>();

        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> passed.set((HttpServletRequest) req));

        assertThatThrownBy(() -> JsonBody.read(passed.get(), JsonMapper.builder().build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("larger than 65536 bytes");
    }

    @Test
    @DisplayName("given a body within the limit, then the controller reads all of it")
    void withinLimit() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/signup");
        request.setContent("{\"name\":\"Ada\"}".getBytes());
        AtomicReference<HttpServletRequest> passed = new AtomicReference<>();

        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> passed.set((HttpServletRequest) req));

        assertThat(JsonBody.read(passed.get(), JsonMapper.builder().build()).requireStrings("name"))
                .containsEntry("name", "Ada");
    }
}
