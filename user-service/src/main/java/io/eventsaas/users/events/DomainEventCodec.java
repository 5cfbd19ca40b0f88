package io.eventsaas.users.events;

import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.users.domain.DomainEvent;

/** Turns domain events into what the event store appends, and recorded events back into domain events. */
public interface DomainEventCodec {

    NewEvent encode(DomainEvent event);

    /**
     * The domain event a recorded event holds, or why it cannot be read: an unknown type, a newer schema version
     * or a payload that does not parse. Never throws for any of these: a consumer skips them and counts them.
     */
    Decoded decode(RecordedEvent event);

    sealed interface Decoded {

        record Known(DomainEvent event) implements Decoded {
        }

        record Skipped(String reason) implements Decoded {
        }
    }
}
