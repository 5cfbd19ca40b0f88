package io.eventsaas.gateway.signup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sign-up form")
class SignupFormTest {

    @Test
    @DisplayName("each rendered form has its own command id; a submitted one is kept if it is a UUID")
    void commandIds() {
        String id = UUID.randomUUID().toString();

        assertThat(SignupForm.empty().commandId()).isNotEqualTo(SignupForm.empty().commandId());
        assertThat(SignupForm.commandIdOrNew(id)).isEqualTo(id);
        assertThat(UUID.fromString(SignupForm.commandIdOrNew("not-a-uuid"))).isNotNull();
        assertThat(SignupForm.commandIdOrNew(null)).isNotBlank();
        assertThat(new SignupForm("a@example.com", "Ada", id).withNewCommandId())
                .satisfies(next -> assertThat(next.commandId()).isNotEqualTo(id))
                .satisfies(next -> assertThat(next.email()).isEqualTo("a@example.com"));
    }
}
