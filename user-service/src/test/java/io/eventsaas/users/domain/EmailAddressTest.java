package io.eventsaas.users.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("EmailAddress")
class EmailAddressTest {

    @Test
    @DisplayName("is normalised: trimmed and in lower case, so one address cannot be registered in two spellings")
    void normalises() {
        assertThat(EmailAddress.parse("  Ann.Lee+SaaS@Example.ORG \t").value()).isEqualTo("ann.lee+saas@example.org");
        assertThat(EmailAddress.parse("ANN@example.org")).isEqualTo(EmailAddress.parse("ann@EXAMPLE.org"));
    }

    @ParameterizedTest(name = "accepts {0}")
    @ValueSource(strings = {"a@b.co", "first.last@sub.example.com", "o'brien@example.ie", "x_y-z@xn--bcher-kva.example",
            "user@localhost.localdomain", "1234@example.museum"})
    void acceptsPlainAddresses(String address) {
        assertThat(EmailAddress.parse(address).value()).isEqualTo(address);
    }

    @ParameterizedTest(name = "refuses \"{0}\"")
    @ValueSource(strings = {"", "   ", "ann", "ann@", "@example.org", "ann@example", "ann@@example.org", "ann@example..org",
            ".ann@example.org", "ann.@example.org", "an..n@example.org", "ann lee@example.org", "ann@-example.org",
            "ann@example.org-", "ann@example.123", "änn@example.org", "ann@exämple.org",
            "ann@exa_mple.org", "\"ann\"@example.org"})
    void refusesMalformedAddresses(String address) {
        assertThatThrownBy(() -> EmailAddress.parse(address)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    @DisplayName("refuses an address longer than 254 characters, and a local part longer than 64")
    void refusesLongAddresses() {
        String domain = "@" + "d".repeat(60) + "." + "e".repeat(60) + "." + "f".repeat(60) + "." + "g".repeat(60) + ".com";
        assertThat(domain.length()).isGreaterThan(244);
        assertThatThrownBy(() -> EmailAddress.parse("abcdefghij" + domain))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("254");
        assertThatThrownBy(() -> EmailAddress.parse("a".repeat(65) + "@example.org"))
                .isInstanceOf(InvalidValueException.class);
        assertThat(EmailAddress.parse("a".repeat(64) + "@example.org").localPart()).hasSize(64);
    }

    @Test
    @DisplayName("null counts as missing")
    void nullIsMissing() {
        assertThatThrownBy(() -> EmailAddress.parse(null)).hasMessage("is required");
    }
}
