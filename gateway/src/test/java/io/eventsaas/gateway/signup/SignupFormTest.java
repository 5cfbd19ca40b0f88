package io.eventsaas.gateway.signup;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.gateway.web.IdempotencyKey;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sign-up form")
class SignupFormTest {

    @Test
    @DisplayName("each rendered form has its own command id; a submitted one is kept if it is a UUID")
    void commandIds() {
        String id = UUID.randomUUID().toString();

        assertThat(SignupForm.empty("").commandId()).isNotEqualTo(SignupForm.empty("").commandId());
        assertThat(IdempotencyKey.fromForm(id)).isEqualTo(id);
        assertThat(UUID.fromString(IdempotencyKey.fromForm("not-a-uuid"))).isNotNull();
        assertThat(IdempotencyKey.fromForm(null)).isNotBlank();
        assertThat(new SignupForm("a@example.com", "Ada", id, "/invitations/x").withNewCommandId())
                .satisfies(next -> assertThat(next.commandId()).isNotEqualTo(id))
                .satisfies(next -> assertThat(next.email()).isEqualTo("a@example.com"))
                .satisfies(next -> assertThat(next.next()).isEqualTo("/invitations/x"));
    }
}
