package io.eventsaas.billing.domain;

import io.eventsaas.billing.plans.Money;
import io.eventsaas.billing.plans.Plan;
import java.time.Duration;
import java.time.Instant;

/** What a plan costs, and what a change in the middle of a period costs. */
public final class Pricing {

    private Pricing() {
    }

    /**
     * A month of the plan at this many seats: the flat price plus the price per seat times the seats (at least one).
     * Free costs nothing at any size: an organisation can be above its seat limit (a downgrade scheduled before
     * members joined applies anyway), and the limit only keeps new members out (user-service refuses them).
     */
    public static Money monthly(Plan plan, int seats) {
        return plan.monthlyPrice().plus(plan.monthlyPricePerSeat().times(Math.max(1, seats)));
    }

    /**
     * The proration rule: the difference between the new and the old monthly amount, times the share of the period
     * still to come (to the second), rounded half up to the minor unit. Zero when the new plan is not dearer.
     */
    public static Money prorate(Money oldMonthly, Money newMonthly, Instant at, Instant periodStart,
            Instant periodEnd) {
        long difference = newMonthly.minorUnits() - oldMonthly.minorUnits();
        long length = Duration.between(periodStart, periodEnd).toSeconds();
        long remaining = Math.max(0, Math.min(length, Duration.between(at, periodEnd).toSeconds()));
        if (difference <= 0 || length <= 0) {
            return Money.zero(newMonthly.currency());
        }
        long amount = Math.addExact(Math.multiplyExact(Math.multiplyExact(difference, remaining), 2), length)
                / (2 * length);
        return new Money(amount, newMonthly.currency());
    }
}
