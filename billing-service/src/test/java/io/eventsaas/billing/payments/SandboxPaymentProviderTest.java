package io.eventsaas.billing.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsaas.billing.payments.PaymentProvider.ChargeResult;
import io.eventsaas.billing.plans.Money;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The sandbox payment provider")
class SandboxPaymentProviderTest {

    private final Map<String, String> charges = new ConcurrentHashMap<>();
    private final SandboxPaymentProvider provider = new SandboxPaymentProvider(new SandboxPaymentProvider.ChargeLedger() {
        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(charges.get(key));
        }

        @Override
        public boolean create(String key, String value) {
            return charges.putIfAbsent(key, value) == null;
        }
    });

    private String token(String number) {
        var token = provider.tokenize(new CardDetails(number, 12, 2030, "123"));
        assertThat(token.reference()).doesNotContain(number.substring(0, 12));
        return token.reference();
    }

    @Test
    @DisplayName("4242… succeeds, once per idempotency key")
    void succeedsOncePerKey() {
        String card = token("4242424242424242");
        var first = provider.charge("inv-1-1", card, Money.of(1900, "USD"));
        var again = provider.charge("inv-1-1", card, Money.of(1900, "USD"));
        assertThat(first).isInstanceOf(ChargeResult.Succeeded.class).isEqualTo(again);
        assertThat(charges).hasSize(1);
    }

    @Test
    @DisplayName("…0002 is declined and …9995 has insufficient funds")
    void declines() {
        assertThat(provider.charge("a", token("4000000000000002"), Money.of(1, "USD")))
                .isEqualTo(new ChargeResult.Declined("card_declined"));
        assertThat(provider.charge("b", token("4000000000009995"), Money.of(1, "USD")))
                .isEqualTo(new ChargeResult.Declined("insufficient_funds"));
    }

    @Test
    @DisplayName("…0119 times out the first time, and the same key then returns the charge that was made")
    void timeoutThenSameCharge() {
        String card = token("4000000000000119");
        assertThatThrownBy(() -> provider.charge("inv-2-1", card, Money.of(1900, "USD")))
                .isInstanceOf(PaymentProvider.PaymentTimeoutException.class);
        assertThat(provider.charge("inv-2-1", card, Money.of(1900, "USD"))).isInstanceOf(ChargeResult.Succeeded.class);
        assertThat(charges).hasSize(1);
    }
}
