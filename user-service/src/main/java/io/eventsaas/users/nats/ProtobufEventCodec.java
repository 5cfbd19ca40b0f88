package io.eventsaas.users.nats;

import com.google.protobuf.InvalidProtocolBufferException;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.users.PasswordChanged;
import io.eventsaas.contracts.users.UserErased;
import io.eventsaas.contracts.users.UserPersonalData;
import io.eventsaas.contracts.users.UserRegistered;
import io.eventsaas.contracts.users.UserRenamed;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.privacy.PersonalDataVault;
import io.eventsaas.users.domain.DomainEvent;
import io.eventsaas.users.domain.OrganizationEvent;
import io.eventsaas.users.domain.PasswordHash;
import io.eventsaas.users.domain.UserEvent;
import io.eventsaas.users.events.DomainEventCodec;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Domain events as the protobuf messages of {@code contracts/users.proto}.
 *
 * <p>Personal data (e-mail address, display name, password hash) is sealed with the user's key
 * ({@code user-<uuid>}, {@link PersonalDataVault}) on the way out and opened on the way in; when the key has been
 * destroyed (the user was erased) the event decodes with its personal data erased. {@code UserRegistered} is
 * written at schema version 2 (sealed) and read at 1 (clear text, 0.1.0) and 2.
 */
@Component
final class ProtobufEventCodec implements DomainEventCodec {

    /** The schema version of payloads this service writes, unless {@link #WRITTEN_VERSIONS} says otherwise. */
    static final int SCHEMA_VERSION = 1;
    /** Event types written at another version than {@link #SCHEMA_VERSION}. */
    static final Map<String, Integer> WRITTEN_VERSIONS = Map.of(EventTypes.USER_REGISTERED, 2);

    private final PersonalDataVault vault;
    /** The organisation's events (organizations.proto). */
    private final OrganizationEventCodec organizationEvents;

    ProtobufEventCodec(PersonalDataVault vault) {
        this.vault = vault;
        this.organizationEvents = new OrganizationEventCodec(vault);
    }

    static int versionOf(String eventType) {
        return WRITTEN_VERSIONS.getOrDefault(eventType, SCHEMA_VERSION);
    }

    /** The key that seals a user's personal data. */
    static String keyOf(UUID userId) {
        return "user-" + userId;
    }

    @Override
    public NewEvent encode(DomainEvent event) {
        return switch (event) {
            case UserEvent.UserRegistered e -> new NewEvent(EventTypes.USER_REGISTERED,
                    versionOf(EventTypes.USER_REGISTERED), UserRegistered.newBuilder()
                            .setUserId(e.userId().toString())
                            .setPersonalOrganizationId(e.personalOrganizationId().toString())
                            // A new user: no key to look up first (a retried registration finds and uses it).
                            .setPersonalData(vault.sealForNewSubject(keyOf(e.userId()), UserPersonalData.newBuilder()
                                    .setEmail(e.email())
                                    .setDisplayName(e.displayName())
                                    .setPasswordHash(e.passwordHash().value())
                                    .build()))
                            .build().toByteArray());
            case UserEvent.UserRenamed e -> new NewEvent(EventTypes.USER_RENAMED, versionOf(EventTypes.USER_RENAMED),
                    UserRenamed.newBuilder()
                            .setUserId(e.userId().toString())
                            .setPersonalData(vault.seal(keyOf(e.userId()),
                                    UserPersonalData.newBuilder().setDisplayName(e.displayName()).build()))
                            .build().toByteArray());
            case UserEvent.PasswordChanged e -> new NewEvent(EventTypes.PASSWORD_CHANGED,
                    versionOf(EventTypes.PASSWORD_CHANGED), PasswordChanged.newBuilder()
                            .setUserId(e.userId().toString())
                            .setPersonalData(vault.seal(keyOf(e.userId()),
                                    UserPersonalData.newBuilder().setPasswordHash(e.passwordHash().value()).build()))
                            .build().toByteArray());
            case UserEvent.UserErased e -> new NewEvent(EventTypes.USER_ERASED, versionOf(EventTypes.USER_ERASED),
                    UserErased.newBuilder().setUserId(e.userId().toString()).build().toByteArray());
            case OrganizationEvent e -> organizationEvents.encode(e);
        };
    }

    @Override
    public Decoded decode(RecordedEvent event) {
        if (OrganizationEventCodec.handles(event.type())) {
            return organizationEvents.decode(event);
        }
        if (event.schemaVersion() > versionOf(event.type()) || event.schemaVersion() < 1) {
            return new Decoded.Skipped("schema version " + event.schemaVersion() + " of " + event.type()
                    + " is not one this service reads (up to " + versionOf(event.type()) + ")");
        }
        try {
            return switch (event.type()) {
                case EventTypes.USER_REGISTERED -> new Decoded.Known(userRegistered(event));
                case EventTypes.USER_RENAMED -> {
                    UserRenamed e = UserRenamed.parseFrom(event.payload());
                    yield new Decoded.Known(new UserEvent.UserRenamed(UUID.fromString(e.getUserId()),
                            open(e.getPersonalData()).map(UserPersonalData::getDisplayName).orElse(null)));
                }
                case EventTypes.PASSWORD_CHANGED -> {
                    PasswordChanged e = PasswordChanged.parseFrom(event.payload());
                    yield new Decoded.Known(new UserEvent.PasswordChanged(UUID.fromString(e.getUserId()),
                            open(e.getPersonalData()).map(data -> new PasswordHash(data.getPasswordHash()))
                                    .orElse(null)));
                }
                case EventTypes.USER_ERASED -> new Decoded.Known(new UserEvent.UserErased(
                        UUID.fromString(UserErased.parseFrom(event.payload()).getUserId())));
                default -> new Decoded.Skipped("unknown event type " + event.type());
            };
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            return new Decoded.Skipped("unreadable " + event.type() + " payload: " + e.getMessage());
        }
    }

    @SuppressWarnings("deprecation") // version 1 carried the personal data in the deprecated clear-text fields
    private UserEvent.UserRegistered userRegistered(RecordedEvent event) throws InvalidProtocolBufferException {
        UserRegistered e = UserRegistered.parseFrom(event.payload());
        UUID userId = UUID.fromString(e.getUserId());
        UUID organizationId = UUID.fromString(e.getPersonalOrganizationId());
        if (event.schemaVersion() == 1) {
            return new UserEvent.UserRegistered(userId, e.getEmail(), e.getDisplayName(),
                    new PasswordHash(e.getPasswordHash()), organizationId);
        }
        return open(e.getPersonalData())
                .map(data -> new UserEvent.UserRegistered(userId, data.getEmail(), data.getDisplayName(),
                        new PasswordHash(data.getPasswordHash()), organizationId))
                .orElseGet(() -> UserEvent.UserRegistered.withErasedData(userId, organizationId));
    }

    private Optional<UserPersonalData> open(io.eventsaas.contracts.privacy.Sealed sealed) {
        return vault.open(sealed, UserPersonalData.parser());
    }
}
