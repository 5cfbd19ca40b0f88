package io.eventsaas.platform.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NatsPropertiesTest {

    private static NatsProperties with(String creds, String user, String password, String inboxPrefix) {
        return new NatsProperties("nats://127.0.0.1:4222", creds, "", 1, Duration.ofSeconds(5), Duration.ofHours(1),
                user, password, inboxPrefix);
    }

    @Test
    @DisplayName("each service gets its own inbox prefix unless one is configured")
    void inboxPrefixPerService() {
        assertThat(with("", "", "", "").inboxPrefixFor("user-service")).isEqualTo("_INBOX_user-service");
        assertThat(with("", "", "", "").inboxPrefixFor("odd name")).isEqualTo("_INBOX_odd_name");
        assertThat(with("", "", "", "_R_.billing").inboxPrefixFor("billing-service")).isEqualTo("_R_.billing");
    }

    @Test
    @DisplayName("a user needs a password and the other way round, and user/password exclude a creds file")
    void credentialsGoTogether() {
        assertThatThrownBy(() -> with("", "gateway", "", "")).hasMessageContaining("NATS_PASSWORD");
        assertThatThrownBy(() -> with("", "", "secret", "")).hasMessageContaining("NATS_USER");
        assertThatThrownBy(() -> with("pom.xml", "gateway", "secret", "")).hasMessageContaining("not both");
        assertThat(with("", "gateway", "secret", "").user()).isEqualTo("gateway");
    }

    @Test
    @DisplayName("an inbox prefix with wildcards or spaces is refused, and the password never shows")
    void validation() {
        assertThatThrownBy(() -> with("", "", "", "_INBOX.*")).hasMessageContaining("NATS_INBOX_PREFIX");
        assertThatThrownBy(() -> with("", "", "", "a b")).hasMessageContaining("NATS_INBOX_PREFIX");
        assertThat(with("", "gateway", "secret", "").toString()).doesNotContain("secret").contains("gateway");
    }
}
