package io.eventsaas.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

@DisplayName("CSRF tokens (signed double-submit cookie)")
class CsrfTokensTest {

    private final CsrfTokens tokens = new CsrfTokens(SigningKeys.fromSecret("a-secret-of-at-least-thirty-two-characters"));
    private final CsrfInterceptor interceptor = new CsrfInterceptor(tokens);

    private String issue() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        String token = tokens.tokenFor(new MockHttpServletRequest(), response);
        assertThat(response.getHeader("Set-Cookie")).startsWith(CsrfTokens.COOKIE + "=" + token + ";")
                .contains("HttpOnly").contains("SameSite=Lax");
        return token;
    }

    private static MockHttpServletRequest post(String cookie, String field) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/signup");
        if (cookie != null) {
            request.setCookies(new Cookie(CsrfTokens.COOKIE, cookie));
        }
        if (field != null) {
            request.setParameter(CsrfTokens.FIELD, field);
        }
        return request;
    }

    @Test
    @DisplayName("given the field equals the signed cookie, then the POST passes")
    void valid() throws Exception {
        String token = issue();

        assertThat(interceptor.preHandle(post(token, token), new MockHttpServletResponse(), new Object())).isTrue();
    }

    @Test
    @DisplayName("given a missing field, a missing cookie, a mismatch or an unsigned pair, then 403")
    void invalid() throws Exception {
        String token = issue();
        String other = issue();
        String unsigned = "00112233445566778899aabbccddeeff.0000";

        for (MockHttpServletRequest request : new MockHttpServletRequest[] {
                post(token, null), post(null, token), post(token, other), post(unsigned, unsigned)}) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            assertThat(interceptor.preHandle(request, response, new Object())).isFalse();
            assertThat(response.getStatus()).isEqualTo(403);
        }
    }

    @Test
    @DisplayName("given a browser that has a valid token, then the page reuses it (several tabs keep working)")
    void reused() {
        String token = issue();
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setCookies(new Cookie(CsrfTokens.COOKIE, token));
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(tokens.tokenFor(request, response)).isEqualTo(token);
        assertThat(response.getHeader("Set-Cookie")).isNull();
    }

    @Test
    @DisplayName("GET needs no token")
    void safeMethods() throws Exception {
        assertThat(interceptor.preHandle(new MockHttpServletRequest("GET", "/signup"), new MockHttpServletResponse(),
                new Object())).isTrue();
    }
}
