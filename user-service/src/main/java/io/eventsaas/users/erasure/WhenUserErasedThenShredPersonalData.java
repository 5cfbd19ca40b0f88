package io.eventsaas.users.erasure;

import io.eventsaas.contracts.Consumers;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.Streams;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.policy.Policy;
import io.eventsaas.users.domain.UserEvent.UserRegistered;
import io.eventsaas.users.events.DomainEventCodec;
import io.eventsaas.users.events.DomainEventCodec.Decoded.Known;
import java.util.UUID;

/**
 * When a user was erased, make sure everything that follows happened: sessions ended, address freed, key
 * destroyed. The erasure does all this before it replies; this policy repeats it from the stream (durable consumer
 * shared by the instances), so that a crash between {@code UserErased} and the last step cannot leave a key or a
 * claim behind. Every step is idempotent. The address comes from the user's {@code UserRegistered}, opened with the
 * key while it still exists; when the key is gone, the address was freed before it.
 */
final class WhenUserErasedThenShredPersonalData implements Policy {

    private final EventStore eventStore;
    private final DomainEventCodec codec;
    private final PersonalDataShredder shredder;

    WhenUserErasedThenShredPersonalData(EventStore eventStore, DomainEventCodec codec, PersonalDataShredder shredder) {
        this.eventStore = eventStore;
        this.codec = codec;
        this.shredder = shredder;
    }

    @Override
    public String consumerName() {
        return Consumers.USERS_ERASED_PERSONAL_DATA;
    }

    @Override
    public String filterSubject() {
        return Streams.allOf(Streams.USER);
    }

    @Override
    public boolean handles(String eventType) {
        return EventTypes.USER_ERASED.equals(eventType);
    }

    @Override
    public void handle(RecordedEvent event) {
        UUID userId = UUID.fromString(event.aggregateId());
        String email = null;
        for (RecordedEvent earlier : eventStore.load(Streams.USER, userId.toString())) {
            if (codec.decode(earlier) instanceof Known(UserRegistered registered) && !registered.isErased()) {
                email = registered.email();
            }
        }
        shredder.shred(userId, email);
    }
}
