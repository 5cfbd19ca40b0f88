package io.eventsaas.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

@DisplayName("Session cookie")
class SessionCookiesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final SessionCookies cookies = new SessionCookies(Duration.ofDays(7), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    @DisplayName("given a session, then the cookie holds its token until it expires, HttpOnly and SameSite=Lax")
    void holdsTheToken() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        cookies.set("st_abc.def", NOW.plus(Duration.ofHours(2)), new MockHttpServletRequest(), response);

        assertThat(response.getHeader("Set-Cookie")).startsWith("eventsaas_session=st_abc.def; Path=/; Max-Age=7200;")
                .contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
    }

    @Test
    @DisplayName("given no expiry from the service, then the configured maximum age")
    void fallbackMaxAge() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        cookies.set("token", null, new MockHttpServletRequest(), response);

        assertThat(response.getHeader("Set-Cookie")).contains("Max-Age=604800");
    }

    @Test
    @DisplayName("given a request over HTTPS, then the cookie is Secure")
    void secureOverHttps() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setSecure(true);
        MockHttpServletResponse response = new MockHttpServletResponse();

        cookies.set("token", NOW.plusSeconds(60), request, response);

        assertThat(response.getHeader("Set-Cookie")).contains("Secure");
    }

    @Test
    @DisplayName("clearing, or a session that already expired, sets an empty cookie that expires at once")
    void clear() {
        MockHttpServletResponse cleared = new MockHttpServletResponse();
        MockHttpServletResponse expired = new MockHttpServletResponse();

        cookies.clear(new MockHttpServletRequest(), cleared);
        cookies.set("token", NOW.minusSeconds(1), new MockHttpServletRequest(), expired);

        assertThat(cleared.getHeader("Set-Cookie")).startsWith("eventsaas_session=;").contains("Max-Age=0");
        assertThat(expired.getHeader("Set-Cookie")).startsWith("eventsaas_session=;").contains("Max-Age=0");
    }
}
