package io.eventsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

@DisplayName("Gateway settings")
class GatewayPropertiesTest {

    @Test
    @DisplayName("a session secret shorter than 32 characters stops start-up with one clear line")
    void shortSecret() {
        assertThatThrownBy(() -> new GatewayProperties("changeme", Duration.ofDays(7), DataSize.ofKilobytes(64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gateway.session-secret (GATEWAY_SESSION_SECRET) must be at least 32 characters long, "
                        + "not 8");
    }

    @Test
    @DisplayName("no secret is allowed (a random one is used) and a good one is kept")
    void secrets() {
        assertThat(new GatewayProperties(null, Duration.ofDays(7), DataSize.ofKilobytes(64)).sessionSecret()).isEmpty();
        assertThat(new GatewayProperties(" " + "s".repeat(40) + " ", Duration.ofDays(7), DataSize.ofKilobytes(64))
                .sessionSecret()).isEqualTo("s".repeat(40));
    }
}
