package io.eventsaas.billing.subscriptions;

import io.eventsaas.billing.domain.MembershipEvent.OrganizationCreated;
import io.eventsaas.billing.domain.Subscription;
import io.eventsaas.billing.domain.SubscriptionCommand.StartFreePlan;
import io.eventsaas.billing.events.BillingEventCodec;
import io.eventsaas.billing.events.BillingEventCodec.Decoded.Known;
import io.eventsaas.contracts.Consumers;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.Streams;
import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.AppendConflictException;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.policy.Policy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When an organisation was created, start its subscription on Free, its first period beginning then.
 *
 * <p>Runs on the durable consumer {@value Consumers#BILLING_FREE_PLANS} that every billing instance shares, so one
 * instance handles each event. Idempotent: the subscription's subject is the organisation's id and the append
 * expects it to be new (sequence 0), with a message id derived from the event; a re-delivery, or a second instance,
 * gets a duplicate or a conflict, and both mean "done". Never a second subscription.
 */
public final class WhenOrganizationCreatedThenStartFreePlan implements Policy {

    private static final Logger log = LoggerFactory.getLogger(WhenOrganizationCreatedThenStartFreePlan.class);

    private final EventStore eventStore;
    private final BillingEventCodec codec;

    public WhenOrganizationCreatedThenStartFreePlan(EventStore eventStore, BillingEventCodec codec) {
        this.eventStore = eventStore;
        this.codec = codec;
    }

    @Override
    public String consumerName() {
        return Consumers.BILLING_FREE_PLANS;
    }

    @Override
    public String filterSubject() {
        return Streams.allOf(Streams.ORGANIZATION);
    }

    @Override
    public boolean handles(String eventType) {
        return EventTypes.ORGANIZATION_CREATED.equals(eventType);
    }

    @Override
    public void handle(RecordedEvent event) {
        if (!(codec.decode(event) instanceof Known(OrganizationCreated created))) {
            log.warn("Skipping event {} ({} v{}): cannot read it", event.eventId(), event.type(), event.schemaVersion());
            return;
        }
        var events = Subscription.decide(Subscription.initial(),
                new StartFreePlan(created.organizationId(), event.occurredAt()));
        try {
            eventStore.append(new Append(Streams.SUBSCRIPTION, created.organizationId(), 0,
                    "start-free-plan:" + event.eventId(), event.correlationId(), event.eventId(),
                    events.stream().map(codec::encode).toList()));
        } catch (AppendConflictException alreadyStarted) {
            log.debug("Organisation {} has its subscription already", created.organizationId());
        }
    }
}
