package io.eventsaas.billing.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The plan catalogue")
class PlanCatalogueTest {

    @Test
    @DisplayName("offers Free, Pro and Team, in that order, priced in US dollars")
    void offersThreePlans() {
        assertThat(PlanCatalogue.plans()).extracting(Plan::code).containsExactly("free", "pro", "team");
        assertThat(PlanCatalogue.plans()).extracting(Plan::name).containsExactly("Free", "Pro", "Team");
        assertThat(PlanCatalogue.plans()).allSatisfy(plan -> {
            assertThat(plan.monthlyPrice().currency().getCurrencyCode()).isEqualTo("USD");
            assertThat(plan.monthlyPricePerSeat().currency().getCurrencyCode()).isEqualTo("USD");
        });
    }

    @Test
    @DisplayName("Free: three seats, no charge")
    void free() {
        Plan free = PlanCatalogue.FREE;

        assertThat(free.includedSeats()).isEqualTo(3);
        assertThat(free.monthlyCost(3)).isEqualTo(Money.of(0, "USD"));
        assertThat(free.allows(4)).isFalse();
        assertThatThrownBy(() -> free.monthlyCost(4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("Pro: a flat 19.00 USD a month (1900 minor units), whatever the seats")
    void pro() {
        Plan pro = PlanCatalogue.PRO;

        assertThat(pro.monthlyPrice()).isEqualTo(Money.of(1900, "USD"));
        assertThat(pro.monthlyPrice()).hasToString("19.00 USD");
        assertThat(pro.monthlyPricePerSeat().isZero()).isTrue();
        assertThat(pro.monthlyCost(1)).isEqualTo(pro.monthlyCost(10)).isEqualTo(Money.of(1900, "USD"));
    }

    @Test
    @DisplayName("Team: 9.00 USD per seat a month")
    void team() {
        Plan team = PlanCatalogue.TEAM;

        assertThat(team.monthlyPrice().isZero()).isTrue();
        assertThat(team.monthlyPricePerSeat()).isEqualTo(Money.of(900, "USD"));
        assertThat(team.monthlyCost(3)).isEqualTo(Money.of(2700, "USD")).hasToString("27.00 USD");
        assertThat(team.allows(0)).isFalse();
    }

    @Test
    @DisplayName("finds a plan by its code")
    void byCode() {
        assertThat(PlanCatalogue.byCode("team")).contains(PlanCatalogue.TEAM);
        assertThat(PlanCatalogue.byCode("enterprise")).isEmpty();
    }

    @Test
    @DisplayName("money never mixes currencies")
    void currencies() {
        assertThatThrownBy(() -> Money.of(100, "USD").plus(Money.of(100, "EUR")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
