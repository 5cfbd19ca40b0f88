package io.eventsaas.billing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsaas.billing.domain.SubscriptionCommand.Cancel;
import io.eventsaas.billing.domain.SubscriptionCommand.ChangePlan;
import io.eventsaas.billing.domain.SubscriptionCommand.DropToFreeForNonPayment;
import io.eventsaas.billing.domain.SubscriptionCommand.Renew;
import io.eventsaas.billing.domain.SubscriptionCommand.Resume;
import io.eventsaas.billing.domain.SubscriptionCommand.StartFreePlan;
import io.eventsaas.billing.domain.SubscriptionEvent.CancellationScheduled;
import io.eventsaas.billing.domain.SubscriptionEvent.PlanChangeScheduled;
import io.eventsaas.billing.domain.SubscriptionEvent.PlanChanged;
import io.eventsaas.billing.domain.SubscriptionEvent.SubscriptionRenewed;
import io.eventsaas.billing.domain.SubscriptionEvent.SubscriptionStarted;
import io.eventsaas.billing.plans.Money;
import io.eventsaas.billing.plans.PlanCatalogue;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The subscription decider")
class SubscriptionTest {

    static final Instant START = Instant.parse("2026-01-10T00:00:00Z");
    static final PaymentMethod CARD = new PaymentMethod("visa", "4242", 12, 2030, "sandbox_ok_1");

    static Subscription.State given(SubscriptionEvent... events) {
        return Subscription.replay(List.of(events));
    }

    static SubscriptionStarted started() {
        return (SubscriptionStarted) Subscription.decide(Subscription.initial(), new StartFreePlan("org-1", START))
                .getFirst();
    }

    static SubscriptionEvent card() {
        return new SubscriptionEvent.PaymentMethodAttached("org-1", CARD, "u-1");
    }

    @Test
    @DisplayName("given nothing, when the free plan starts, then a Free subscription for one month from then")
    void startsFree() {
        SubscriptionStarted started = started();
        assertThat(started.planCode()).isEqualTo("free");
        assertThat(started.periodEnd()).isEqualTo(Instant.parse("2026-02-10T00:00:00Z"));
        assertThat(started.monthlyAmount().isZero()).isTrue();
    }

    @Test
    @DisplayName("given a subscription, when the free plan starts again (a re-delivery), then nothing happens")
    void startIsIdempotent() {
        assertThat(Subscription.decide(given(started()), new StartFreePlan("org-1", START))).isEmpty();
    }

    @Test
    @DisplayName("given Free without a card, when upgrading to Pro, then refused: a paid plan needs a payment method")
    void upgradeNeedsCard() {
        assertThatThrownBy(() -> Subscription.decide(given(started()),
                new ChangePlan(PlanCatalogue.PRO, 1, START.plusSeconds(60), "u-1", "inv-1")))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("payment method");
    }

    @Test
    @DisplayName("given Free with a card half-way through the period, when upgrading to Pro, then it changes now with "
            + "about half a month prorated on its own invoice")
    void upgradeIsProrated() {
        Instant halfWay = Instant.parse("2026-01-25T12:00:00Z"); // 15.5 of 31 days
        var events = Subscription.decide(given(started(), card()),
                new ChangePlan(PlanCatalogue.PRO, 1, halfWay, "u-1", "inv-1"));
        PlanChanged changed = (PlanChanged) events.getFirst();
        assertThat(changed.toPlanCode()).isEqualTo("pro");
        assertThat(changed.reason()).isEqualTo("upgrade");
        assertThat(changed.proratedAmount()).isEqualTo(Money.of(950, "USD"));
        assertThat(changed.prorationInvoiceId()).isEqualTo("inv-1");
    }

    @Test
    @DisplayName("given Pro, when changing to Free, then the change is scheduled for the end of the period, and the "
            + "renewal applies it")
    void downgradeAtPeriodEnd() {
        var pro = new PlanChanged("org-1", "free", "pro", START, Money.of(1900, "USD"), "upgrade", "u-1",
                Money.of(1900, "USD"), "inv-1", 0);
        Subscription.State state = given(started(), card(), pro);
        var scheduled = (PlanChangeScheduled) Subscription.decide(state,
                new ChangePlan(PlanCatalogue.FREE, 1, START.plusSeconds(60), "u-1", "inv-2")).getFirst();
        assertThat(scheduled.effectiveAt()).isEqualTo(state.periodEnd());

        var renewal = Subscription.decide(Subscription.evolve(state, scheduled),
                new Renew(Instant.parse("2026-02-10T00:00:00Z"), 1));
        assertThat(renewal).hasSize(2);
        assertThat(((PlanChanged) renewal.get(0)).reason()).isEqualTo("downgrade");
        assertThat(((SubscriptionRenewed) renewal.get(1)).planCode()).isEqualTo("free");
    }

    @Test
    @DisplayName("given a period that has not ended, when renewing, then nothing; once it has, the next month at the "
            + "seats of the moment")
    void renewal() {
        var team = new PlanChanged("org-1", "free", "team", START, Money.of(900, "USD"), "upgrade", "u-1",
                Money.of(900, "USD"), "inv-1", 0);
        Subscription.State state = given(started(), card(), team);
        assertThat(Subscription.decide(state, new Renew(Instant.parse("2026-02-09T23:59:59Z"), 3))).isEmpty();
        var renewed = (SubscriptionRenewed) Subscription.decide(state,
                new Renew(Instant.parse("2026-02-10T00:00:00Z"), 3)).getFirst();
        assertThat(renewed.periodStart()).isEqualTo(Instant.parse("2026-02-10T00:00:00Z"));
        assertThat(renewed.periodEnd()).isEqualTo(Instant.parse("2026-03-10T00:00:00Z"));
        assertThat(renewed.monthlyAmount()).isEqualTo(Money.of(2700, "USD"));
    }

    @Test
    @DisplayName("given Pro, when cancelled and resumed, then the cancellation is scheduled and withdrawn; a cancelled "
            + "subscription renews on Free")
    void cancelAndResume() {
        var pro = new PlanChanged("org-1", "free", "pro", START, Money.of(1900, "USD"), "upgrade", "u-1",
                Money.of(1900, "USD"), "inv-1", 0);
        Subscription.State state = given(started(), card(), pro);
        var cancelled = Subscription.decide(state, new Cancel("u-1"));
        assertThat(cancelled).singleElement().isInstanceOf(CancellationScheduled.class);
        Subscription.State afterCancel = Subscription.evolve(state, cancelled.getFirst());
        assertThat(Subscription.decide(afterCancel, new Resume("u-1"))).hasSize(1);
        assertThatThrownBy(() -> Subscription.decide(state, new Resume("u-1")))
                .isInstanceOf(RuleViolationException.class);
        var renewal = Subscription.decide(afterCancel, new Renew(state.periodEnd(), 1));
        assertThat(((PlanChanged) renewal.get(0)).reason()).isEqualTo("cancelled");
    }

    @Test
    @DisplayName("given a paid plan, when the last payment retry failed, then it drops to Free for non-payment")
    void dropToFree() {
        var pro = new PlanChanged("org-1", "free", "pro", START, Money.of(1900, "USD"), "upgrade", "u-1",
                Money.of(1900, "USD"), "inv-1", 0);
        var dropped = (PlanChanged) Subscription.decide(given(started(), card(), pro),
                new DropToFreeForNonPayment(START)).getFirst();
        assertThat(dropped.toPlanCode()).isEqualTo("free");
        assertThat(dropped.reason()).isEqualTo("non-payment");
    }

    @Test
    @DisplayName("every event that sets the plan in effect carries its seat limit: Free 3, paid plans 0 (unlimited)")
    void eventsCarryTheSeatLimit() {
        assertThat(started().seatLimit()).isEqualTo(3);
        var upgraded = (PlanChanged) Subscription.decide(given(started(), card()),
                new ChangePlan(PlanCatalogue.PRO, 2, START.plusSeconds(60), "u-1", "inv-1")).getFirst();
        assertThat(upgraded.seatLimit()).isZero();
        Subscription.State onPro = given(started(), card(), upgraded);
        var renewedOnPro = (SubscriptionRenewed) Subscription.decide(onPro, new Renew(onPro.periodEnd(), 2)).getFirst();
        assertThat(renewedOnPro.seatLimit()).isZero();

        var cancelled = Subscription.evolve(onPro, Subscription.decide(onPro, new Cancel("u-1")).getFirst());
        var renewal = Subscription.decide(cancelled, new Renew(onPro.periodEnd(), 2));
        assertThat(((PlanChanged) renewal.get(0)).seatLimit()).isEqualTo(3);
        assertThat(((SubscriptionRenewed) renewal.get(1)).seatLimit()).isEqualTo(3);

        var dropped = (PlanChanged) Subscription.decide(onPro, new DropToFreeForNonPayment(START)).getFirst();
        assertThat(dropped.seatLimit()).isEqualTo(3);
    }

    @Test
    @DisplayName("given Pro with 4 members, when changing to Free (3 seats), then refused: remove members first; with 3 "
            + "members the downgrade is scheduled")
    void downgradeBelowTheMembersIsRefused() {
        var pro = new PlanChanged("org-1", "free", "pro", START, Money.of(1900, "USD"), "upgrade", "u-1",
                Money.of(1900, "USD"), "inv-1", 0);
        Subscription.State state = given(started(), card(), pro);

        assertThatThrownBy(() -> Subscription.decide(state,
                new ChangePlan(PlanCatalogue.FREE, 4, START.plusSeconds(60), "u-1", "inv-2")))
                .isInstanceOf(RuleViolationException.class)
                .hasMessage("the Free plan has 3 seats and the organisation has 4 members: remove members first");
        assertThat(Subscription.decide(state, new ChangePlan(PlanCatalogue.FREE, 3, START.plusSeconds(60), "u-1",
                "inv-2"))).singleElement().isInstanceOf(PlanChangeScheduled.class);
        assertThat(Subscription.decide(state, new ChangePlan(PlanCatalogue.TEAM, 40, START.plusSeconds(60), "u-1",
                "inv-2"))).singleElement().isInstanceOf(PlanChanged.class);
    }

    @Test
    @DisplayName("given a downgrade to Free scheduled with 3 members, when 5 are members at renewal, then it applies "
            + "anyway (billing removes nobody); so does a cancellation and a drop for non-payment")
    void scheduledDowngradeAppliesWhateverTheSeats() {
        var pro = new PlanChanged("org-1", "free", "pro", START, Money.of(1900, "USD"), "upgrade", "u-1",
                Money.of(1900, "USD"), "inv-1", 0);
        Subscription.State state = given(started(), card(), pro);
        var scheduled = Subscription.decide(state,
                new ChangePlan(PlanCatalogue.FREE, 3, START.plusSeconds(60), "u-1", "inv-2")).getFirst();

        var renewal = Subscription.decide(Subscription.evolve(state, scheduled), new Renew(state.periodEnd(), 5));

        assertThat(((PlanChanged) renewal.get(0)).toPlanCode()).isEqualTo("free");
        var renewed = (SubscriptionRenewed) renewal.get(1);
        assertThat(renewed.planCode()).isEqualTo("free");
        assertThat(renewed.seats()).isEqualTo(5);
        assertThat(renewed.monthlyAmount().isZero()).isTrue();
        var cancelled = Subscription.evolve(state, Subscription.decide(state, new Cancel("u-1")).getFirst());
        assertThat(Subscription.decide(cancelled, new Renew(state.periodEnd(), 5))).hasSize(2);
        Subscription.State crowded = Subscription.evolve(state, new SubscriptionRenewed("org-1", "pro",
                state.periodStart(), state.periodEnd(), Money.of(1900, "USD"), 5, 0));
        assertThat(Subscription.decide(crowded, new DropToFreeForNonPayment(START))).singleElement()
                .isInstanceOf(PlanChanged.class);
    }
}
