package io.eventsaas.billing.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Card checks")
class CardValidatorTest {

    static final YearMonth NOW = YearMonth.of(2026, 11);

    @Test
    @DisplayName("the sandbox's test cards pass the Luhn check; a changed digit does not")
    void luhn() {
        for (String number : new String[] {"4242424242424242", "4000000000000002", "4000000000009995",
                "4000000000000119", "5555555555554444"}) {
            assertThat(CardValidator.passesLuhn(number)).as(number).isTrue();
        }
        assertThat(CardValidator.passesLuhn("4242424242424241")).isFalse();
    }

    @Test
    @DisplayName("a card valid through this month is accepted; last month's is expired; bad shapes are named")
    void expiryAndShape() {
        assertThat(CardValidator.validate(new CardDetails("4242 4242 4242 4242", 11, 2026, "123"), NOW)).isEmpty();
        assertThat(CardValidator.validate(new CardDetails("4242424242424242", 10, 2026, "123"), NOW))
                .containsEntry("expYear", "the card has expired");
        assertThat(CardValidator.validate(new CardDetails("4242424242424241", 13, 2030, "12"), NOW))
                .containsOnlyKeys("number", "expMonth", "cvc");
    }

    @Test
    @DisplayName("a card's text form never shows its number or CVC")
    void neverPrinted() {
        String text = new CardDetails("4242424242424242", 12, 2030, "987").toString();
        assertThat(text).doesNotContain("4242424242424242").doesNotContain("987").contains("4242").contains("visa");
    }
}
