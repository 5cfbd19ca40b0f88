package io.eventsaas.billing.invoicing;

import io.eventsaas.billing.domain.Invoice;
import io.eventsaas.billing.domain.Invoice.ChargeOutcome;
import io.eventsaas.billing.domain.InvoiceEvent;
import io.eventsaas.billing.domain.InvoiceEvent.InvoicePaymentFailed;
import io.eventsaas.billing.domain.PaymentMethod;
import io.eventsaas.billing.domain.Subscription;
import io.eventsaas.billing.domain.SubscriptionCommand.DropToFreeForNonPayment;
import io.eventsaas.billing.domain.SubscriptionCommand.MarkPastDue;
import io.eventsaas.billing.events.Aggregates;
import io.eventsaas.billing.payments.PaymentProvider;
import io.eventsaas.billing.payments.PaymentProvider.ChargeResult;
import io.eventsaas.billing.payments.PaymentProvider.PaymentTimeoutException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Charges an open invoice once per attempt. The provider's idempotency key is the invoice id and the attempt number
 * (failed attempts recorded so far, plus one): a run that timed out, crashed or overlapped with another asks again
 * with the same key and gets the same charge, never a second one. A timeout records nothing: the invoice stays
 * open and the next run asks again. A failure makes the subscription past due; the last one drops it to Free.
 */
public final class Charger {

    private static final Logger log = LoggerFactory.getLogger(Charger.class);

    public enum Outcome { PAID, FAILED, GAVE_UP, TIMED_OUT, SETTLED_ELSEWHERE }

    private final PaymentProvider provider;
    private final Aggregates aggregates;

    public Charger(PaymentProvider provider, Aggregates aggregates) {
        this.provider = provider;
        this.aggregates = aggregates;
    }

    public Outcome charge(Invoice.State invoice, long version, Instant at, String correlationId) {
        if (invoice.status() != Invoice.Status.OPEN) {
            return Outcome.SETTLED_ELSEWHERE;
        }
        int attempt = invoice.failedAttempts() + 1;
        PaymentMethod card = aggregates.subscription(invoice.organizationId())
                .map(s -> s.state().paymentMethod()).orElse(null);
        ChargeOutcome outcome;
        if (card == null) {
            outcome = new ChargeOutcome.Failed("no_payment_method");
        } else {
            try {
                outcome = switch (provider.charge(invoice.invoiceId() + "-" + attempt, card.providerReference(),
                        invoice.total())) {
                    case ChargeResult.Succeeded ok -> new ChargeOutcome.Succeeded(ok.chargeId());
                    case ChargeResult.Declined declined -> new ChargeOutcome.Failed(declined.reason());
                };
            } catch (PaymentTimeoutException e) {
                log.warn("Charging invoice {} (attempt {}) timed out; it stays open for the next run", invoice.number(),
                        attempt);
                return Outcome.TIMED_OUT;
            }
        }
        List<InvoiceEvent> events = Invoice.decide(invoice, new Invoice.RecordCharge(outcome, at));
        Optional<Long> appended = aggregates.appendInvoice(invoice.invoiceId(), version, events,
                "invoice-charge:" + invoice.invoiceId() + ":" + attempt, correlationId, invoice.invoiceId());
        if (appended.isEmpty()) {
            return Outcome.SETTLED_ELSEWHERE; // another run recorded this attempt
        }
        if (!(events.getFirst() instanceof InvoicePaymentFailed failed)) {
            return Outcome.PAID;
        }
        String org = invoice.organizationId();
        aggregates.decideSubscription(org, s -> Subscription.decide(s, new MarkPastDue(invoice.invoiceId())),
                "past-due:" + invoice.invoiceId(), correlationId, invoice.invoiceId());
        if (failed.nextAttemptAt() != null) {
            return Outcome.FAILED;
        }
        aggregates.decideSubscription(org, s -> Subscription.decide(s, new DropToFreeForNonPayment(at)),
                "non-payment:" + invoice.invoiceId(), correlationId, invoice.invoiceId());
        return Outcome.GAVE_UP;
    }
}
