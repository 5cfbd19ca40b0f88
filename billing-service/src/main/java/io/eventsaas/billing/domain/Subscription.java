package io.eventsaas.billing.domain;

import io.eventsaas.billing.domain.SubscriptionCommand.AttachPaymentMethod;
import io.eventsaas.billing.domain.SubscriptionCommand.Cancel;
import io.eventsaas.billing.domain.SubscriptionCommand.ChangePlan;
import io.eventsaas.billing.domain.SubscriptionCommand.DropToFreeForNonPayment;
import io.eventsaas.billing.domain.SubscriptionCommand.MarkPastDue;
import io.eventsaas.billing.domain.SubscriptionCommand.Renew;
import io.eventsaas.billing.domain.SubscriptionCommand.Resume;
import io.eventsaas.billing.domain.SubscriptionCommand.StartFreePlan;
import io.eventsaas.billing.domain.SubscriptionEvent.CancellationScheduled;
import io.eventsaas.billing.domain.SubscriptionEvent.CancellationWithdrawn;
import io.eventsaas.billing.domain.SubscriptionEvent.PaymentMethodAttached;
import io.eventsaas.billing.domain.SubscriptionEvent.PlanChangeScheduled;
import io.eventsaas.billing.domain.SubscriptionEvent.PlanChanged;
import io.eventsaas.billing.domain.SubscriptionEvent.SubscriptionPastDue;
import io.eventsaas.billing.domain.SubscriptionEvent.SubscriptionRenewed;
import io.eventsaas.billing.domain.SubscriptionEvent.SubscriptionStarted;
import io.eventsaas.billing.plans.Money;
import io.eventsaas.billing.plans.Plan;
import io.eventsaas.billing.plans.PlanCatalogue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The subscription aggregate (one per organisation) as a decider: plain Java, unit-tested without servers. */
public final class Subscription {

    public static final String UPGRADE = "upgrade";
    public static final String DOWNGRADE = "downgrade";
    public static final String CANCELLED = "cancelled";
    public static final String NON_PAYMENT = "non-payment";

    private Subscription() {
    }

    /**
     * @param pendingProrationInvoiceId the invoice of the last upgrade's prorated charge (null when none)
     * @param pastDueInvoiceId          the invoice whose payment failed, until the plan drops to Free
     */
    public record State(String organizationId, String planCode, Instant periodStart, Instant periodEnd,
            Money monthlyAmount, int seats, PaymentMethod paymentMethod, String scheduledPlanCode,
            boolean cancelAtPeriodEnd, String pastDueInvoiceId, String pendingProrationInvoiceId) {

        public boolean exists() {
            return organizationId != null;
        }

        public Plan plan() {
            return PlanCatalogue.byCode(planCode).orElse(PlanCatalogue.FREE);
        }

        State withPlan(String code, Money amount) {
            return new State(organizationId, code, periodStart, periodEnd, amount, seats, paymentMethod, null, false,
                    pastDueInvoiceId, pendingProrationInvoiceId);
        }
    }

    public static State initial() {
        return new State(null, null, null, null, null, 0, null, null, false, null, null);
    }

    public static List<SubscriptionEvent> decide(State state, SubscriptionCommand command) {
        if (command instanceof StartFreePlan start) {
            if (state.exists()) {
                return List.of(); // re-delivered: the organisation has its subscription
            }
            return List.of(new SubscriptionStarted(start.organizationId(), PlanCatalogue.FREE.code(), start.at(),
                    BillingPeriods.endOf(start.at()), Pricing.monthly(PlanCatalogue.FREE, 1), 1,
                    PlanCatalogue.FREE.includedSeats()));
        }
        if (!state.exists()) {
            throw new RuleViolationException("the organisation has no subscription yet");
        }
        String org = state.organizationId();
        return switch (command) {
            case StartFreePlan ignored -> throw new IllegalStateException("handled above");
            case AttachPaymentMethod attach ->
                    List.of(new PaymentMethodAttached(org, attach.paymentMethod(), attach.byUserId()));
            case ChangePlan change -> changePlan(state, change);
            case Cancel cancel -> {
                if (state.plan().equals(PlanCatalogue.FREE)) {
                    throw new RuleViolationException("the Free plan has nothing to cancel");
                }
                if (state.cancelAtPeriodEnd()) {
                    throw new RuleViolationException("the subscription is already cancelled at the end of the period");
                }
                yield List.of(new CancellationScheduled(org, state.periodEnd(), cancel.byUserId()));
            }
            case Resume resume -> {
                if (!state.cancelAtPeriodEnd() && state.scheduledPlanCode() == null) {
                    throw new RuleViolationException("there is no cancellation or plan change to withdraw");
                }
                yield List.of(new CancellationWithdrawn(org, resume.byUserId()));
            }
            case Renew renew -> renew(state, renew);
            case MarkPastDue pastDue -> pastDue.invoiceId().equals(state.pastDueInvoiceId()) ? List.of()
                    : List.of(new SubscriptionPastDue(org, pastDue.invoiceId()));
            // Never refused for seats: billing does not remove members, Free's limit only blocks new ones.
            case DropToFreeForNonPayment drop -> state.plan().equals(PlanCatalogue.FREE) ? List.of()
                    : List.of(new PlanChanged(org, state.planCode(), PlanCatalogue.FREE.code(), drop.at(),
                            Pricing.monthly(PlanCatalogue.FREE, state.seats()), NON_PAYMENT, "",
                            zero(state), "", PlanCatalogue.FREE.includedSeats()));
        };
    }

    private static List<SubscriptionEvent> changePlan(State state, ChangePlan change) {
        Plan current = state.plan();
        Plan wanted = change.plan();
        if (wanted.equals(current)) {
            throw new RuleViolationException("the organisation is on the " + wanted.name() + " plan already");
        }
        requireRoomForMembers(wanted, change.seats());
        Money oldMonthly = Pricing.monthly(current, change.seats());
        Money newMonthly = Pricing.monthly(wanted, change.seats());
        if (newMonthly.minorUnits() > oldMonthly.minorUnits()) {
            if (state.paymentMethod() == null) {
                throw new RuleViolationException("the " + wanted.name() + " plan needs a payment method: add a card first");
            }
            Money prorated = Pricing.prorate(oldMonthly, newMonthly, change.at(), state.periodStart(),
                    state.periodEnd());
            return List.of(new PlanChanged(state.organizationId(), current.code(), wanted.code(), change.at(),
                    newMonthly, UPGRADE, change.byUserId(), prorated,
                    prorated.isZero() ? "" : change.prorationInvoiceId(), wanted.includedSeats()));
        }
        if (wanted.code().equals(state.scheduledPlanCode())) {
            throw new RuleViolationException("a change to the " + wanted.name() + " plan is scheduled already");
        }
        return List.of(new PlanChangeScheduled(state.organizationId(), wanted.code(), state.periodEnd(),
                change.byUserId()));
    }

    /**
     * A plan change (now or at the period's end) to a plan with fewer seats than the organisation has members is
     * refused: billing never removes members, so they must go first. What was scheduled before members joined still
     * applies at renewal (see {@link #renew}): the lower limit then only blocks new members.
     */
    private static void requireRoomForMembers(Plan wanted, int members) {
        if (wanted.includedSeats() != Plan.UNLIMITED_SEATS && members > wanted.includedSeats()) {
            throw new RuleViolationException("the " + wanted.name() + " plan has " + wanted.includedSeats()
                    + " seats and the organisation has " + members + " members: remove members first");
        }
    }

    /**
     * Starts the next period, applying a scheduled downgrade or cancellation first, whatever the seats now: it was
     * accepted when it was asked for, and billing never removes members.
     */
    private static List<SubscriptionEvent> renew(State state, Renew renew) {
        if (state.periodEnd().isAfter(renew.asOf())) {
            return List.of();
        }
        List<SubscriptionEvent> events = new ArrayList<>();
        String org = state.organizationId();
        Plan plan = state.plan();
        if (state.cancelAtPeriodEnd() || state.scheduledPlanCode() != null) {
            Plan next = state.cancelAtPeriodEnd() ? PlanCatalogue.FREE
                    : PlanCatalogue.byCode(state.scheduledPlanCode()).orElse(PlanCatalogue.FREE);
            if (!next.equals(plan)) {
                events.add(new PlanChanged(org, plan.code(), next.code(), state.periodEnd(),
                        Pricing.monthly(next, renew.seats()), state.cancelAtPeriodEnd() ? CANCELLED : DOWNGRADE, "",
                        zero(state), "", next.includedSeats()));
            }
            plan = next;
        }
        Instant start = state.periodEnd();
        events.add(new SubscriptionRenewed(org, plan.code(), start, BillingPeriods.endOf(start),
                Pricing.monthly(plan, renew.seats()), renew.seats(), plan.includedSeats()));
        return events;
    }

    private static Money zero(State state) {
        return Money.zero(state.monthlyAmount().currency());
    }

    public static State evolve(State state, SubscriptionEvent event) {
        return switch (event) {
            case SubscriptionStarted e -> new State(e.organizationId(), e.planCode(), e.periodStart(), e.periodEnd(),
                    e.monthlyAmount(), e.seats(), null, null, false, null, null);
            case PaymentMethodAttached e -> new State(state.organizationId(), state.planCode(), state.periodStart(),
                    state.periodEnd(), state.monthlyAmount(), state.seats(), e.paymentMethod(),
                    state.scheduledPlanCode(), state.cancelAtPeriodEnd(), state.pastDueInvoiceId(),
                    state.pendingProrationInvoiceId());
            case PlanChanged e -> {
                State changed = state.withPlan(e.toPlanCode(), e.monthlyAmount());
                String pending = e.prorationInvoiceId().isEmpty() ? changed.pendingProrationInvoiceId()
                        : e.prorationInvoiceId();
                String pastDue = NON_PAYMENT.equals(e.reason()) ? null : changed.pastDueInvoiceId();
                yield new State(changed.organizationId(), changed.planCode(), changed.periodStart(),
                        changed.periodEnd(), changed.monthlyAmount(), changed.seats(), changed.paymentMethod(), null,
                        false, pastDue, pending);
            }
            case PlanChangeScheduled e -> new State(state.organizationId(), state.planCode(), state.periodStart(),
                    state.periodEnd(), state.monthlyAmount(), state.seats(), state.paymentMethod(), e.toPlanCode(),
                    false, state.pastDueInvoiceId(), state.pendingProrationInvoiceId());
            case CancellationScheduled e -> new State(state.organizationId(), state.planCode(), state.periodStart(),
                    state.periodEnd(), state.monthlyAmount(), state.seats(), state.paymentMethod(), null, true,
                    state.pastDueInvoiceId(), state.pendingProrationInvoiceId());
            case CancellationWithdrawn e -> new State(state.organizationId(), state.planCode(), state.periodStart(),
                    state.periodEnd(), state.monthlyAmount(), state.seats(), state.paymentMethod(), null, false,
                    state.pastDueInvoiceId(), state.pendingProrationInvoiceId());
            case SubscriptionRenewed e -> new State(state.organizationId(), e.planCode(), e.periodStart(),
                    e.periodEnd(), e.monthlyAmount(), e.seats(), state.paymentMethod(), state.scheduledPlanCode(),
                    state.cancelAtPeriodEnd(), state.pastDueInvoiceId(), state.pendingProrationInvoiceId());
            case SubscriptionPastDue e -> new State(state.organizationId(), state.planCode(), state.periodStart(),
                    state.periodEnd(), state.monthlyAmount(), state.seats(), state.paymentMethod(),
                    state.scheduledPlanCode(), state.cancelAtPeriodEnd(), e.invoiceId(),
                    state.pendingProrationInvoiceId());
        };
    }

    public static State replay(List<SubscriptionEvent> events) {
        State state = initial();
        for (SubscriptionEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }
}
