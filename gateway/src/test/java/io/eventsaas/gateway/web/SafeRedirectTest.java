package io.eventsaas.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Where to go after signing in")
class SafeRedirectTest {

    @Test
    @DisplayName("a local path is kept; another site, a scheme, a protocol-relative or odd path is not")
    void onlyLocalPaths() {
        assertThat(SafeRedirect.localPath("/invitations/abc?x=1", "/app")).isEqualTo("/invitations/abc?x=1");
        assertThat(SafeRedirect.localPath(null, "/app")).isEqualTo("/app");
        assertThat(SafeRedirect.localPath("", "/app")).isEqualTo("/app");
        assertThat(SafeRedirect.localPath("https://evil.example", "/app")).isEqualTo("/app");
        assertThat(SafeRedirect.localPath("//evil.example/x", "/app")).isEqualTo("/app");
        assertThat(SafeRedirect.localPath("/\\evil.example", "/app")).isEqualTo("/app");
        assertThat(SafeRedirect.localPath("/app\r\nSet-Cookie: x=y", "/app")).isEqualTo("/app");
        assertThat(SafeRedirect.localPath("javascript:alert(1)", "/app")).isEqualTo("/app");
    }
}
