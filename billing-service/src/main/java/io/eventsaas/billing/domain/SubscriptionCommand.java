package io.eventsaas.billing.domain;

import io.eventsaas.billing.plans.Plan;
import java.time.Instant;

/** What may be asked of a subscription. */
public sealed interface SubscriptionCommand {

    /** The policy: a new organisation starts on Free, its period beginning when the organisation was created. */
    record StartFreePlan(String organizationId, Instant at) implements SubscriptionCommand {
    }

    record AttachPaymentMethod(PaymentMethod paymentMethod, String byUserId) implements SubscriptionCommand {
    }

    /** @param prorationInvoiceId the id an upgrade's prorated charge gets (derived from the command id) */
    record ChangePlan(Plan plan, int seats, Instant at, String byUserId, String prorationInvoiceId)
            implements SubscriptionCommand {
    }

    record Cancel(String byUserId) implements SubscriptionCommand {
    }

    record Resume(String byUserId) implements SubscriptionCommand {
    }

    /** The billing run: start the next period if this one has ended by {@code asOf}, applying what was scheduled. */
    record Renew(Instant asOf, int seats) implements SubscriptionCommand {
    }

    record MarkPastDue(String invoiceId) implements SubscriptionCommand {
    }

    /** The last payment retry failed. */
    record DropToFreeForNonPayment(Instant at) implements SubscriptionCommand {
    }
}
