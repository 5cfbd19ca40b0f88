package io.eventsaas.billing.invoicing;

import io.eventsaas.billing.domain.InvoiceEvent.InvoiceIssued;
import java.util.Optional;

/**
 * A counter per numbering series (a year) that every instance shares, changed only by compare-and-set: its value is
 * the invoice that took the series' last number (adapter: a NATS key-value bucket).
 */
public interface InvoiceNumbers {

    record Last(InvoiceIssued invoice, long revision) {
    }

    Optional<Last> last(String series);

    /** Sets the series' last invoice if it is still at {@code expectedRevision} (0: the series is new). */
    boolean compareAndSet(String series, long expectedRevision, InvoiceIssued invoice);
}
