package io.eventsaas.billing.invoicing;

import io.eventsaas.billing.domain.Invoice;
import io.eventsaas.billing.domain.InvoiceEvent.InvoiceIssued;
import io.eventsaas.billing.events.Aggregates;
import io.eventsaas.billing.store.BillingReadModel.Versioned;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Issues an invoice once, with the next number of its year's series, without gaps.
 *
 * <p>The counter (see {@link InvoiceNumbers}) holds the whole invoice that took the last number. To issue:
 * <ol>
 *   <li>read the counter; if it holds this very invoice (an earlier attempt crashed after taking the number),
 *       append it and stop;</li>
 *   <li>append the counter's invoice (idempotent: expected sequence 0 on its subject, message id from its id), so the
 *       last number handed out is in the stream before the next one is taken: whoever took it and then died, the
 *       next issuer finishes its work;</li>
 *   <li>if this invoice is in the stream already, stop (another run issued it);</li>
 *   <li>compare-and-set the counter to this invoice with the next number; on losing the race start again;</li>
 *   <li>append it.</li>
 * </ol>
 * A number is therefore taken once (compare-and-set), and every number taken reaches the stream (by its taker, or
 * by the next issuer, or by the next run, which finishes the series first): no gaps, no reuse, and an invoice id
 * never gets two numbers.
 */
public final class InvoiceIssuer {

    private final InvoiceNumbers numbers;
    private final Aggregates aggregates;

    public InvoiceIssuer(InvoiceNumbers numbers, Aggregates aggregates) {
        this.numbers = numbers;
        this.aggregates = aggregates;
    }

    /** The invoice as issued (by this call or an earlier one) and its version. */
    public record Issued(InvoiceIssued invoice, Invoice.State state, long version) {
    }

    public Issued issue(InvoiceIssued draft, String correlationId) {
        String series = seriesOf(draft);
        while (true) {
            Optional<InvoiceNumbers.Last> last = numbers.last(series);
            if (last.isPresent()) {
                InvoiceIssued holder = last.get().invoice();
                Optional<Long> appended = append(holder, correlationId);
                if (holder.invoiceId().equals(draft.invoiceId())) {
                    return issued(holder, appended);
                }
            }
            if (aggregates.invoiceExists(draft.invoiceId())) {
                InvoiceIssued existing = aggregates.invoiceIssuedFromStream(draft.invoiceId()).orElseThrow();
                return issued(existing, Optional.empty());
            }
            long next = last.map(l -> sequenceOf(l.invoice().number()) + 1).orElse(1L);
            InvoiceIssued numbered = draft.withNumber(series + "-" + String.format("%06d", next));
            if (numbers.compareAndSet(series, last.map(InvoiceNumbers.Last::revision).orElse(0L), numbered)) {
                return issued(numbered, append(numbered, correlationId));
            }
        }
    }

    /** Appends the invoice holding the last number of the series, if a crash left it only in the counter. */
    public void finishSeries(String series, String correlationId) {
        numbers.last(series).ifPresent(last -> append(last.invoice(), correlationId));
    }

    private Issued issued(InvoiceIssued invoice, Optional<Long> appendedAt) {
        if (appendedAt.isPresent()) {
            return new Issued(invoice, Invoice.issued(invoice), appendedAt.get());
        }
        Versioned<Invoice.State> current = aggregates.invoiceFromStream(invoice.invoiceId());
        return new Issued(invoice, current.state(), current.version());
    }

    private Optional<Long> append(InvoiceIssued invoice, String correlationId) {
        return aggregates.appendInvoice(invoice.invoiceId(), 0, List.of(invoice), "invoice-issued:"
                + invoice.invoiceId(), correlationId, invoice.invoiceId());
    }

    public static String seriesOf(InvoiceIssued invoice) {
        return Integer.toString(invoice.issuedAt().atZone(ZoneOffset.UTC).getYear());
    }

    private static long sequenceOf(String number) {
        return Long.parseLong(number.substring(number.lastIndexOf('-') + 1));
    }
}
