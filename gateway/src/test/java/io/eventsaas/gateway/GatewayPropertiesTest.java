package io.eventsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

@DisplayName("Gateway settings")
class GatewayPropertiesTest {

    private static GatewayProperties with(String secret, String publicUrl) {
        return new GatewayProperties(secret, Duration.ofDays(7), DataSize.ofKilobytes(64), publicUrl);
    }

    @Test
    @DisplayName("a session secret shorter than 32 characters stops start-up with one clear line")
    void shortSecret() {
        assertThatThrownBy(() -> with("changeme", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gateway.session-secret (GATEWAY_SESSION_SECRET) must be at least 32 characters long, "
                        + "not 8");
    }

    @Test
    @DisplayName("no secret is allowed (a random one is used) and a good one is kept")
    void secrets() {
        assertThat(with(null, "").sessionSecret()).isEmpty();
        assertThat(with(" " + "s".repeat(40) + " ", "").sessionSecret()).isEqualTo("s".repeat(40));
    }

    @Test
    @DisplayName("the public URL is empty or an http(s) address, kept without a trailing slash")
    void publicUrl() {
        assertThat(with(null, null).publicUrl()).isEmpty();
        assertThat(with(null, " https://app.example.com/ ").publicUrl()).isEqualTo("https://app.example.com");
        assertThat(with(null, "http://localhost:8080").publicUrl()).isEqualTo("http://localhost:8080");
        assertThatThrownBy(() -> with(null, "app.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("gateway.public-url (GATEWAY_PUBLIC_URL) must be an http(s) address");
        assertThatThrownBy(() -> with(null, "javascript:alert(1)")).isInstanceOf(IllegalArgumentException.class);
    }
}
