package io.eventsaas.billing.events;

import io.eventsaas.billing.domain.Invoice;
import io.eventsaas.billing.domain.InvoiceEvent;
import io.eventsaas.billing.domain.Subscription;
import io.eventsaas.billing.domain.SubscriptionEvent;
import io.eventsaas.billing.events.BillingEventCodec.Decoded.Known;
import io.eventsaas.billing.store.BillingReadModel;
import io.eventsaas.billing.store.BillingReadModel.Versioned;
import io.eventsaas.contracts.Streams;
import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.AppendConflictException;
import io.eventsaas.platform.eventstore.Appended;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.RecordedEvent;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Load → decide → append for billing's two aggregates. The state comes from the read model (fast, with its version);
 * when an append meets a conflict the read model was behind or someone else got there first, so the state is loaded
 * again from the stream and the decision made again.
 */
public final class Aggregates {

    private static final int ATTEMPTS = 4;

    private final EventStore eventStore;
    private final BillingEventCodec codec;
    private final BillingReadModel readModel;

    public Aggregates(EventStore eventStore, BillingEventCodec codec, BillingReadModel readModel) {
        this.eventStore = eventStore;
        this.codec = codec;
        this.readModel = readModel;
    }

    /** What a decision appended: the events (none when there was nothing to do), the new state and version. */
    public record Decided<S, E>(List<E> events, S state, long version) {
    }

    public Optional<Versioned<Subscription.State>> subscription(String organizationId) {
        return readModel.subscription(organizationId);
    }

    public Versioned<Subscription.State> subscriptionFromStream(String organizationId) {
        List<RecordedEvent> recorded = eventStore.load(Streams.SUBSCRIPTION, organizationId);
        Subscription.State state = Subscription.initial();
        long version = 0;
        for (RecordedEvent event : recorded) {
            version = event.streamSequence();
            if (codec.decode(event) instanceof Known(SubscriptionEvent e)) {
                state = Subscription.evolve(state, e);
            }
        }
        return new Versioned<>(state, version);
    }

    public List<SubscriptionEvent> subscriptionEvents(String organizationId) {
        return eventStore.load(Streams.SUBSCRIPTION, organizationId).stream().map(codec::decode)
                .filter(d -> d instanceof Known(SubscriptionEvent ignored))
                .map(d -> (SubscriptionEvent) ((Known) d).event()).toList();
    }

    public Versioned<Invoice.State> invoiceFromStream(String invoiceId) {
        List<RecordedEvent> recorded = eventStore.load(Streams.INVOICE, invoiceId);
        Invoice.State state = null;
        long version = 0;
        for (RecordedEvent event : recorded) {
            version = event.streamSequence();
            if (codec.decode(event) instanceof Known(InvoiceEvent e)) {
                state = Invoice.evolve(state, e);
            }
        }
        return new Versioned<>(state, version);
    }

    public Optional<InvoiceEvent.InvoiceIssued> invoiceIssuedFromStream(String invoiceId) {
        return eventStore.load(Streams.INVOICE, invoiceId).stream()
                .map(codec::decode)
                .filter(d -> d instanceof Known(InvoiceEvent.InvoiceIssued ignored))
                .map(d -> (InvoiceEvent.InvoiceIssued) ((Known) d).event())
                .findFirst();
    }

    public boolean invoiceExists(String invoiceId) {
        return eventStore.versionOf(Streams.INVOICE, invoiceId) > 0;
    }

    /**
     * Decides on the subscription's current state and appends what was decided with its expected version; on a
     * conflict, loads the state from the stream and decides again. {@code messageId} makes a retried command a
     * duplicate (then the state is loaded from the stream: the earlier attempt's events are in it).
     */
    public Decided<Subscription.State, SubscriptionEvent> decideSubscription(String organizationId,
            Function<Subscription.State, List<SubscriptionEvent>> decide, String messageId, String correlationId,
            String causationId) {
        return decideSubscription(organizationId, decide, state -> messageId, correlationId, causationId);
    }

    /** As above, with a message id that depends on the state decided on (e.g. the period a renewal ends). */
    public Decided<Subscription.State, SubscriptionEvent> decideSubscription(String organizationId,
            Function<Subscription.State, List<SubscriptionEvent>> decide,
            Function<Subscription.State, String> messageId, String correlationId, String causationId) {
        Optional<Versioned<Subscription.State>> fromReadModel = subscription(organizationId);
        Versioned<Subscription.State> current = fromReadModel.orElseGet(() -> subscriptionFromStream(organizationId));
        boolean fresh = fromReadModel.isEmpty();
        for (int attempt = 1; ; attempt++) {
            List<SubscriptionEvent> events;
            try {
                events = decide.apply(current.state());
            } catch (RuntimeException refused) {
                if (fresh) {
                    throw refused;
                }
                // This instance's read model may be behind another instance's write (a card attached a moment ago
                // through the other one): refuse only on the stream's state.
                current = subscriptionFromStream(organizationId);
                fresh = true;
                events = decide.apply(current.state());
            }
            if (events.isEmpty()) {
                return new Decided<>(events, current.state(), current.version());
            }
            try {
                Appended appended = eventStore.append(new Append(Streams.SUBSCRIPTION, organizationId,
                        current.version(), messageId.apply(current.state()), correlationId, causationId,
                        events.stream().map(codec::encode).toList()));
                if (appended.duplicate()) {
                    Versioned<Subscription.State> now = subscriptionFromStream(organizationId);
                    return new Decided<>(List.of(), now.state(), now.version());
                }
                Subscription.State state = current.state();
                for (SubscriptionEvent event : events) {
                    state = Subscription.evolve(state, event);
                }
                return new Decided<>(events, state, appended.sequence());
            } catch (AppendConflictException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                current = subscriptionFromStream(organizationId);
                fresh = true;
            }
        }
    }

    /**
     * Appends to an invoice at the version its events were decided on. Empty when someone else appended first (a
     * conflict) or this message id was appended before (a duplicate): the caller's work is done either way.
     */
    public Optional<Long> appendInvoice(String invoiceId, long expectedVersion, List<InvoiceEvent> events,
            String messageId, String correlationId, String causationId) {
        try {
            Appended appended = eventStore.append(new Append(Streams.INVOICE, invoiceId, expectedVersion, messageId,
                    correlationId, causationId, events.stream().map(codec::encode).toList()));
            return appended.duplicate() ? Optional.empty() : Optional.of(appended.sequence());
        } catch (AppendConflictException e) {
            return Optional.empty();
        }
    }
}
