package io.eventsaas.users.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("DisplayName")
class DisplayNameTest {

    @Test
    @DisplayName("is trimmed and keeps letters of any script, emoji with joiners included")
    void trims() {
        assertThat(io.eventsaas.users.domain.DisplayName.parse("  Zoë Ødegård 李 👩‍💻 ").value()).isEqualTo("Zoë Ødegård 李 👩‍💻");
    }

    @ParameterizedTest(name = "refuses \"{0}\"")
    @ValueSource(strings = {"", "   ", "Ann\nLee", "Ann\u0000", "Ann\u2028Lee", "Ann\u202eLee", "\u001b[31mAnn"})
    void refusesEmptyOrControl(String name) {
        assertThatThrownBy(() -> io.eventsaas.users.domain.DisplayName.parse(name))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    @DisplayName("takes up to 80 characters (counted as code points)")
    void length() {
        assertThat(io.eventsaas.users.domain.DisplayName.parse("é".repeat(80)).value()).hasSize(80);
        assertThat(io.eventsaas.users.domain.DisplayName.parse("😀".repeat(80)).value()).hasSize(160);
        assertThatThrownBy(() -> io.eventsaas.users.domain.DisplayName.parse("x".repeat(81)))
                .hasMessageContaining("80");
    }
}
