package io.eventsaas.users.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("PasswordPolicy")
class PasswordPolicyTest {

    @ParameterizedTest(name = "accepts {0}")
    @ValueSource(strings = {"correct horse battery", "Tr0ub4dor&3x", "abcdefghik", "ünïcødé-pässwörd", "aaaaaaaaab"})
    void acceptsReasonablePasswords(String password) {
        assertThat(PasswordPolicy.problemWith(password, "ann@example.org")).isEmpty();
    }

    @ParameterizedTest(name = "refuses {0}")
    @ValueSource(strings = {"short", "123456789", "aaaaaaaaaa", "zzzzzzzzzzzzzzzzzzzz", "1234567890", "abcdefghij",
            "9876543210", "Password123", "QWERTYUIOP", "ann@example.org", "Ann@Example.org"})
    void refusesWeakPasswords(String password) {
        assertThat(PasswordPolicy.problemWith(password, " ann@example.org")).isPresent();
    }

    @Test
    @DisplayName("refuses a password that is the e-mail address's local part, when it is long enough to matter")
    void refusesLocalPart() {
        assertThat(PasswordPolicy.problemWith("annabelle.lee", "annabelle.lee@example.org"))
                .contains("must not be your e-mail address");
    }

    @Test
    @DisplayName("counts characters, not UTF-16 units, and bounds the length at 128")
    void length() {
        assertThat(PasswordPolicy.problemWith("😀😁😂😃😄😅😆😇😈", null)).contains("must be at least 10 characters");
        assertThat(PasswordPolicy.problemWith("xy".repeat(64), null)).isEmpty();
        assertThat(PasswordPolicy.problemWith("xy".repeat(64) + "z", null)).contains("must be at most 128 characters");
    }

    @Test
    @DisplayName("never repeats the password in its message")
    void messageDoesNotEchoPassword() {
        assertThat(PasswordPolicy.problemWith("password123", null)).hasValueSatisfying(
                message -> assertThat(message).doesNotContain("password123"));
    }
}
