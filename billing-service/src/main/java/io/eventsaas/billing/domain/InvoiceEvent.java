package io.eventsaas.billing.domain;

import io.eventsaas.billing.plans.Money;
import java.time.Instant;
import java.util.List;

/** What can happen to an invoice (events.invoice.&lt;invoice_id&gt;). */
public sealed interface InvoiceEvent {

    String invoiceId();

    String organizationId();

    record InvoiceIssued(String invoiceId, String organizationId, String number, Instant periodStart,
            Instant periodEnd, List<InvoiceLine> lines, Money total, Instant issuedAt) implements InvoiceEvent {

        public InvoiceIssued {
            lines = List.copyOf(lines);
        }

        public InvoiceIssued withNumber(String newNumber) {
            return new InvoiceIssued(invoiceId, organizationId, newNumber, periodStart, periodEnd, lines, total,
                    issuedAt);
        }
    }

    record InvoicePaid(String invoiceId, String organizationId, Money amount, Instant paidAt, int attempt,
            String providerReference) implements InvoiceEvent {
    }

    /** @param nextAttemptAt null after the last attempt */
    record InvoicePaymentFailed(String invoiceId, String organizationId, String reason, int attempt,
            Instant failedAt, Instant nextAttemptAt) implements InvoiceEvent {
    }
}
