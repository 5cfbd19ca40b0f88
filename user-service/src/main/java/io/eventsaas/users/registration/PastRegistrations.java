package io.eventsaas.users.registration;

import io.eventsaas.contracts.Streams;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.users.domain.UserEvent.UserRegistered;
import io.eventsaas.users.events.DomainEventCodec;
import io.eventsaas.users.events.DomainEventCodec.Decoded.Known;
import io.eventsaas.users.store.RegistrationRecord;
import io.eventsaas.users.store.UsersReadModel;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Whether a user has been registered, and by which command: from the read model, or, when it has not caught up
 * yet (another instance appended a moment ago), from the event store itself.
 */
@Component
class PastRegistrations {

    private final UsersReadModel readModel;
    private final EventStore eventStore;
    private final DomainEventCodec codec;

    PastRegistrations(UsersReadModel readModel, EventStore eventStore, DomainEventCodec codec) {
        this.readModel = readModel;
        this.eventStore = eventStore;
        this.codec = codec;
    }

    Optional<RegistrationRecord> of(UUID userId) {
        Optional<RegistrationRecord> known = readModel.registrationOf(userId);
        if (known.isPresent() || eventStore.versionOf(Streams.USER, userId.toString()) == 0) {
            return known;
        }
        for (RecordedEvent event : eventStore.load(Streams.USER, userId.toString())) {
            if (codec.decode(event) instanceof Known(UserRegistered registered)) {
                return Optional.of(new RegistrationRecord(event.causationId(), event.streamSequence()));
            }
        }
        return Optional.empty();
    }
}
