package io.eventsaas.users.nats;

import com.google.protobuf.InvalidProtocolBufferException;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.users.UserRegistered;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.privacy.PersonalDataVault;
import io.eventsaas.users.domain.DomainEvent;
import io.eventsaas.users.domain.OrganizationEvent;
import io.eventsaas.users.domain.PasswordHash;
import io.eventsaas.users.domain.UserEvent;
import io.eventsaas.users.events.DomainEventCodec;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Domain events as the protobuf messages of {@code contracts/users.proto}, schema version 1. */
@Component
final class ProtobufEventCodec implements DomainEventCodec {

    /** The only schema version of these payloads so far; a consumer skips anything newer. */
    static final int SCHEMA_VERSION = 1;

    /** The organisation's events (organizations.proto). */
    private final OrganizationEventCodec organizationEvents;

    ProtobufEventCodec(PersonalDataVault vault) {
        this.organizationEvents = new OrganizationEventCodec(vault);
    }

    @Override
    public NewEvent encode(DomainEvent event) {
        return switch (event) {
            case UserEvent.UserRegistered e -> new NewEvent(EventTypes.USER_REGISTERED, SCHEMA_VERSION,
                    UserRegistered.newBuilder()
                            .setUserId(e.userId().toString())
                            .setEmail(e.email())
                            .setDisplayName(e.displayName())
                            .setPasswordHash(e.passwordHash().value())
                            .setPersonalOrganizationId(e.personalOrganizationId().toString())
                            .build().toByteArray());
            case OrganizationEvent e -> organizationEvents.encode(e);
        };
    }

    @Override
    public Decoded decode(RecordedEvent event) {
        if (OrganizationEventCodec.handles(event.type())) {
            return organizationEvents.decode(event);
        }
        if (event.schemaVersion() != SCHEMA_VERSION) {
            return new Decoded.Skipped("schema version " + event.schemaVersion() + " of " + event.type()
                    + " is not one this service reads (" + SCHEMA_VERSION + ")");
        }
        try {
            return switch (event.type()) {
                case EventTypes.USER_REGISTERED -> {
                    UserRegistered e = UserRegistered.parseFrom(event.payload());
                    yield new Decoded.Known(new UserEvent.UserRegistered(UUID.fromString(e.getUserId()), e.getEmail(),
                            e.getDisplayName(), new PasswordHash(e.getPasswordHash()),
                            UUID.fromString(e.getPersonalOrganizationId())));
                }
                default -> new Decoded.Skipped("unknown event type " + event.type());
            };
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            return new Decoded.Skipped("unreadable " + event.type() + " payload: " + e.getMessage());
        }
    }
}
