package io.eventsaas.billing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.billing.plans.Money;
import io.eventsaas.billing.plans.PlanCatalogue;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pricing and proration")
class PricingTest {

    static final Instant START = Instant.parse("2026-04-01T00:00:00Z");
    static final Instant END = Instant.parse("2026-05-01T00:00:00Z"); // 30 days

    @Test
    @DisplayName("Team costs 9.00 per seat; Free costs nothing at any size")
    void monthly() {
        assertThat(Pricing.monthly(PlanCatalogue.TEAM, 4)).isEqualTo(Money.of(3600, "USD"));
        assertThat(Pricing.monthly(PlanCatalogue.FREE, 5).isZero()).isTrue();
    }

    @Test
    @DisplayName("the difference times the share of the period to come, rounded half up; nothing for a cheaper plan")
    void prorate() {
        Money free = Money.of(0, "USD");
        Money pro = Money.of(1900, "USD");
        assertThat(Pricing.prorate(free, pro, START, START, END)).isEqualTo(pro);
        assertThat(Pricing.prorate(free, pro, Instant.parse("2026-04-21T00:00:00Z"), START, END))
                .isEqualTo(Money.of(633, "USD")); // 1900 * 10/30 = 633.33
        assertThat(Pricing.prorate(free, pro, END, START, END).isZero()).isTrue();
        assertThat(Pricing.prorate(pro, free, START, START, END).isZero()).isTrue();
    }
}
