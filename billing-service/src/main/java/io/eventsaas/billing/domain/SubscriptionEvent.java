package io.eventsaas.billing.domain;

import io.eventsaas.billing.plans.Money;
import java.time.Instant;

/**
 * What can happen to an organisation's subscription (events.subscription.&lt;organization_id&gt;). The events that set the
 * plan in effect (started, changed, renewed) carry its {@code seatLimit} ({@link io.eventsaas.billing.plans.Plan#UNLIMITED_SEATS}
 * for none): user-service enforces it from them, without knowing the plans.
 */
public sealed interface SubscriptionEvent {

    String organizationId();

    record SubscriptionStarted(String organizationId, String planCode, Instant periodStart, Instant periodEnd,
            Money monthlyAmount, int seats, int seatLimit) implements SubscriptionEvent {
    }

    record PaymentMethodAttached(String organizationId, PaymentMethod paymentMethod, String attachedByUserId)
            implements SubscriptionEvent {
    }

    /** @param proratedAmount zero unless an upgrade; then charged on {@code prorationInvoiceId} */
    record PlanChanged(String organizationId, String fromPlanCode, String toPlanCode, Instant effectiveAt,
            Money monthlyAmount, String reason, String changedByUserId, Money proratedAmount,
            String prorationInvoiceId, int seatLimit) implements SubscriptionEvent {
    }

    record PlanChangeScheduled(String organizationId, String toPlanCode, Instant effectiveAt,
            String scheduledByUserId) implements SubscriptionEvent {
    }

    record CancellationScheduled(String organizationId, Instant effectiveAt, String scheduledByUserId)
            implements SubscriptionEvent {
    }

    record CancellationWithdrawn(String organizationId, String withdrawnByUserId) implements SubscriptionEvent {
    }

    record SubscriptionRenewed(String organizationId, String planCode, Instant periodStart, Instant periodEnd,
            Money monthlyAmount, int seats, int seatLimit) implements SubscriptionEvent {
    }

    record SubscriptionPastDue(String organizationId, String invoiceId) implements SubscriptionEvent {
    }
}
