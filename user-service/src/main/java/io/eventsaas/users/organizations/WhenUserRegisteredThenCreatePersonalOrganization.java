package io.eventsaas.users.organizations;

import io.eventsaas.contracts.Consumers;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.Streams;
import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.AppendConflictException;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.policy.Policy;
import io.eventsaas.users.domain.Organization;
import io.eventsaas.users.domain.OrganizationCommand.CreatePersonalOrganization;
import io.eventsaas.users.domain.UserEvent.UserRegistered;
import io.eventsaas.users.events.DomainEventCodec;
import io.eventsaas.users.events.DomainEventCodec.Decoded.Known;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a user registered, create their personal organisation.
 *
 * <p>Idempotent, because an event may come again (a crash before the acknowledgement, a redelivery after a
 * failure): the organisation id comes from the event, the append expects a new aggregate, and its message id is
 * derived from the event id. A second attempt is therefore a duplicate or a conflict, and both mean "done".
 */
final class WhenUserRegisteredThenCreatePersonalOrganization implements Policy {

    private static final Logger log = LoggerFactory.getLogger(WhenUserRegisteredThenCreatePersonalOrganization.class);

    private final EventStore eventStore;
    private final DomainEventCodec codec;

    WhenUserRegisteredThenCreatePersonalOrganization(EventStore eventStore, DomainEventCodec codec) {
        this.eventStore = eventStore;
        this.codec = codec;
    }

    @Override
    public String consumerName() {
        return Consumers.USERS_PERSONAL_ORGANIZATIONS;
    }

    @Override
    public String filterSubject() {
        return Streams.allOf(Streams.USER);
    }

    @Override
    public boolean handles(String eventType) {
        return EventTypes.USER_REGISTERED.equals(eventType);
    }

    @Override
    public void handle(RecordedEvent event) {
        if (!(codec.decode(event) instanceof Known(UserRegistered registered))) {
            log.warn("Skipping event {} ({} v{}): cannot read it", event.eventId(), event.type(), event.schemaVersion());
            return;
        }
        var command = new CreatePersonalOrganization(registered.personalOrganizationId(), registered.userId());
        var events = Organization.decide(Organization.initial(), command);
        Append append = new Append(Streams.ORGANIZATION, registered.personalOrganizationId().toString(), 0,
                "personal-organization:" + event.eventId(), event.correlationId(), event.eventId(),
                events.stream().map(codec::encode).toList());
        try {
            eventStore.append(append);
        } catch (AppendConflictException alreadyCreated) {
            log.debug("Personal organisation {} exists already", registered.personalOrganizationId());
        }
    }
}
