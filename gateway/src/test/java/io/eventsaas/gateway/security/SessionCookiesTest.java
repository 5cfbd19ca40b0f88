package io.eventsaas.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
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

    private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final SessionCookies cookies = at(NOW, SECRET);

    private static SessionCookies at(Instant now, String secret) {
        return new SessionCookies(SigningKeys.fromSecret(secret), Duration.ofDays(7), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static MockHttpServletRequest withCookie(String value) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setCookies(new Cookie(SessionCookies.NAME, value));
        return request;
    }

    @Test
    @DisplayName("given a signed-in response, then its cookie names the user, HttpOnly and SameSite=Lax")
    void roundTrip() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        cookies.signIn("user-42", new MockHttpServletRequest(), response);

        String header = response.getHeader("Set-Cookie");
        assertThat(header).startsWith(SessionCookies.NAME + "=").contains("HttpOnly").contains("SameSite=Lax")
                .contains("Path=/").contains("Max-Age=604800").doesNotContain("Secure");
        String value = header.substring(header.indexOf('=') + 1, header.indexOf(';'));
        assertThat(cookies.userId(withCookie(value))).hasValue("user-42");
    }

    @Test
    @DisplayName("given a request over HTTPS, then the cookie is Secure")
    void secureOverHttps() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setSecure(true);
        MockHttpServletResponse response = new MockHttpServletResponse();

        cookies.signIn("user-42", request, response);

        assertThat(response.getHeader("Set-Cookie")).contains("Secure");
    }

    @Test
    @DisplayName("given a changed user id, signature, or a cookie signed with another secret, then no user")
    void tampered() {
        String value = cookies.valueFor("user-42");
        String otherUser = cookies.valueFor("user-43");
        String forgedUser = otherUser.substring(0, otherUser.indexOf('.')) + value.substring(value.indexOf('.'));
        String flippedSignature = value.substring(0, value.length() - 1) + (value.endsWith("a") ? "b" : "a");
        String foreign = at(NOW, "another-secret-of-at-least-thirty-two-chars").valueFor("user-42");

        assertThat(cookies.userId(withCookie(forgedUser))).isEmpty();
        assertThat(cookies.userId(withCookie(flippedSignature))).isEmpty();
        assertThat(cookies.userId(withCookie(foreign))).isEmpty();
        assertThat(cookies.userId(withCookie("user-42"))).isEmpty();
        assertThat(cookies.userId(withCookie(""))).isEmpty();
        assertThat(cookies.userId(new MockHttpServletRequest())).isEmpty();
    }

    @Test
    @DisplayName("given a cookie older than the maximum age, then no user")
    void expired() {
        String value = cookies.valueFor("user-42");

        assertThat(at(NOW.plus(Duration.ofDays(7)).minusSeconds(1), SECRET).userId(withCookie(value)))
                .hasValue("user-42");
        assertThat(at(NOW.plus(Duration.ofDays(7)).plusSeconds(1), SECRET).userId(withCookie(value))).isEmpty();
    }

    @Test
    @DisplayName("given no configured secret, then each start signs with its own random key")
    void randomSecretPerStart() {
        SessionCookies first = new SessionCookies(SigningKeys.fromSecret(""), Duration.ofDays(1), Clock.systemUTC());
        SessionCookies second = new SessionCookies(SigningKeys.fromSecret(""), Duration.ofDays(1), Clock.systemUTC());

        String value = first.valueFor("user-42");

        assertThat(first.userId(withCookie(value))).hasValue("user-42");
        assertThat(second.userId(withCookie(value))).isEmpty();
    }

    @Test
    @DisplayName("signing out sets an empty cookie that expires at once")
    void signOut() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        cookies.signOut(new MockHttpServletRequest(), response);

        assertThat(response.getHeader("Set-Cookie")).startsWith(SessionCookies.NAME + "=;").contains("Max-Age=0");
    }
}
