package io.eventsaas.billing.events;

import io.eventsaas.billing.domain.InvoiceEvent;
import io.eventsaas.billing.domain.InvoiceEvent.InvoiceIssued;
import io.eventsaas.billing.domain.SubscriptionEvent;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.eventstore.RecordedEvent;

/** Billing's domain events to and from what the event store holds; membership events from user-service's. */
public interface BillingEventCodec {

    NewEvent encode(SubscriptionEvent event);

    NewEvent encode(InvoiceEvent event);

    /** The payload of an InvoiceIssued alone (the invoice-number counter keeps the last one). */
    byte[] toBytes(InvoiceIssued issued);

    InvoiceIssued invoiceIssuedFrom(byte[] bytes);

    /**
     * The domain event (SubscriptionEvent, InvoiceEvent or MembershipEvent) a recorded event holds, or why it cannot be
     * read (unknown type, newer schema version, broken payload). Never throws for those.
     */
    Decoded decode(RecordedEvent event);

    sealed interface Decoded {

        record Known(Object event) implements Decoded {
        }

        record Skipped(String reason) implements Decoded {
        }
    }
}
