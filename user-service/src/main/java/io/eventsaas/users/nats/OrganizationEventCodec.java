package io.eventsaas.users.nats;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.users.ApiKeyCreated;
import io.eventsaas.contracts.users.ApiKeyRevoked;
import io.eventsaas.contracts.users.InvitationRevoked;
import io.eventsaas.contracts.users.InviteePersonalData;
import io.eventsaas.contracts.users.MemberInvited;
import io.eventsaas.contracts.users.MemberJoined;
import io.eventsaas.contracts.users.MemberRemoved;
import io.eventsaas.contracts.users.MemberRoleChanged;
import io.eventsaas.contracts.users.OrganizationClosed;
import io.eventsaas.contracts.users.OrganizationCreated;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.privacy.PersonalDataVault;
import io.eventsaas.users.domain.OrganizationEvent;
import io.eventsaas.users.domain.OrganizationRole;
import io.eventsaas.users.events.DomainEventCodec.Decoded;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The organisation's events as the protobuf messages of {@code contracts/organizations.proto}, schema version 1.
 * The invitee's e-mail address is sealed with the key {@code invitation-<invitation id>}; once that key is gone it
 * reads as an empty address.
 */
final class OrganizationEventCodec {

    static final int SCHEMA_VERSION = 1;
    private static final Set<String> TYPES = Set.of(EventTypes.ORGANIZATION_CREATED, EventTypes.MEMBER_INVITED,
            EventTypes.INVITATION_REVOKED, EventTypes.MEMBER_JOINED, EventTypes.MEMBER_ROLE_CHANGED,
            EventTypes.MEMBER_REMOVED, EventTypes.ORGANIZATION_CLOSED, EventTypes.API_KEY_CREATED,
            EventTypes.API_KEY_REVOKED);

    private final PersonalDataVault vault;

    OrganizationEventCodec(PersonalDataVault vault) {
        this.vault = vault;
    }

    static boolean handles(String eventType) {
        return TYPES.contains(eventType);
    }

    /** The key that seals an invitee's personal data. */
    static String invitationKey(UUID invitationId) {
        return "invitation-" + invitationId;
    }

    NewEvent encode(OrganizationEvent event) {
        return switch (event) {
            case OrganizationEvent.OrganizationCreated e -> newEvent(EventTypes.ORGANIZATION_CREATED,
                    OrganizationCreated.newBuilder()
                            .setOrganizationId(e.organizationId().toString())
                            .setName(e.name())
                            .setOwnerUserId(e.ownerUserId().toString())
                            .setPersonal(e.personal())
                            .build().toByteArray());
            case OrganizationEvent.MemberInvited e -> newEvent(EventTypes.MEMBER_INVITED, MemberInvited.newBuilder()
                    .setOrganizationId(e.organizationId().toString())
                    .setInvitationId(e.invitationId().toString())
                    // A new invitation: no key to look up first (a retried command finds and uses it).
                    .setInvitee(vault.sealForNewSubject(invitationKey(e.invitationId()),
                            InviteePersonalData.newBuilder().setEmail(e.email()).build()))
                    .setRole(e.role().wireName())
                    .setInvitedByUserId(text(e.invitedByUserId()))
                    .setExpiresAt(timestamp(e.expiresAt()))
                    .setTokenSha256(e.tokenSha256())
                    .build().toByteArray());
            case OrganizationEvent.InvitationRevoked e -> newEvent(EventTypes.INVITATION_REVOKED,
                    InvitationRevoked.newBuilder()
                            .setOrganizationId(e.organizationId().toString())
                            .setInvitationId(e.invitationId().toString())
                            .setRevokedByUserId(text(e.revokedByUserId()))
                            .build().toByteArray());
            case OrganizationEvent.MemberJoined e -> newEvent(EventTypes.MEMBER_JOINED, MemberJoined.newBuilder()
                    .setOrganizationId(e.organizationId().toString())
                    .setUserId(e.userId().toString())
                    .setRole(e.role().wireName())
                    .setInvitationId(text(e.invitationId()))
                    .build().toByteArray());
            case OrganizationEvent.MemberRoleChanged e -> newEvent(EventTypes.MEMBER_ROLE_CHANGED,
                    MemberRoleChanged.newBuilder()
                            .setOrganizationId(e.organizationId().toString())
                            .setUserId(e.userId().toString())
                            .setRole(e.role().wireName())
                            .setPreviousRole(e.previousRole().wireName())
                            .setChangedByUserId(text(e.changedByUserId()))
                            .build().toByteArray());
            case OrganizationEvent.MemberRemoved e -> newEvent(EventTypes.MEMBER_REMOVED, MemberRemoved.newBuilder()
                    .setOrganizationId(e.organizationId().toString())
                    .setUserId(e.userId().toString())
                    .setRemovedByUserId(text(e.removedByUserId()))
                    .setReason(e.reason())
                    .build().toByteArray());
            case OrganizationEvent.OrganizationClosed e -> newEvent(EventTypes.ORGANIZATION_CLOSED,
                    OrganizationClosed.newBuilder()
                            .setOrganizationId(e.organizationId().toString())
                            .setReason(e.reason())
                            .build().toByteArray());
            case OrganizationEvent.ApiKeyCreated e -> newEvent(EventTypes.API_KEY_CREATED, ApiKeyCreated.newBuilder()
                    .setOrganizationId(e.organizationId().toString())
                    .setApiKeyId(e.apiKeyId().toString())
                    .setName(e.name())
                    .setRole(e.role().wireName())
                    .setSecretSha256(e.secretSha256())
                    .setPrefix(e.prefix())
                    .setCreatedByUserId(text(e.createdByUserId()))
                    .build().toByteArray());
            case OrganizationEvent.ApiKeyRevoked e -> newEvent(EventTypes.API_KEY_REVOKED, ApiKeyRevoked.newBuilder()
                    .setOrganizationId(e.organizationId().toString())
                    .setApiKeyId(e.apiKeyId().toString())
                    .setRevokedByUserId(text(e.revokedByUserId()))
                    .build().toByteArray());
        };
    }

    Decoded decode(RecordedEvent event) {
        if (event.schemaVersion() != SCHEMA_VERSION) {
            return new Decoded.Skipped("schema version " + event.schemaVersion() + " of " + event.type()
                    + " is not one this service reads (" + SCHEMA_VERSION + ")");
        }
        try {
            byte[] p = event.payload();
            OrganizationEvent decoded = switch (event.type()) {
                case EventTypes.ORGANIZATION_CREATED -> {
                    OrganizationCreated e = OrganizationCreated.parseFrom(p);
                    yield new OrganizationEvent.OrganizationCreated(uuid(e.getOrganizationId()), e.getName(),
                            uuid(e.getOwnerUserId()), e.getPersonal());
                }
                case EventTypes.MEMBER_INVITED -> {
                    MemberInvited e = MemberInvited.parseFrom(p);
                    String email = vault.open(e.getInvitee(), InviteePersonalData.parser())
                            .map(InviteePersonalData::getEmail).orElse("");
                    yield new OrganizationEvent.MemberInvited(uuid(e.getOrganizationId()), uuid(e.getInvitationId()),
                            email, OrganizationRole.of(e.getRole()), uuidOrNull(e.getInvitedByUserId()),
                            instant(e.getExpiresAt()), e.getTokenSha256());
                }
                case EventTypes.INVITATION_REVOKED -> {
                    InvitationRevoked e = InvitationRevoked.parseFrom(p);
                    yield new OrganizationEvent.InvitationRevoked(uuid(e.getOrganizationId()),
                            uuid(e.getInvitationId()), uuidOrNull(e.getRevokedByUserId()));
                }
                case EventTypes.MEMBER_JOINED -> {
                    MemberJoined e = MemberJoined.parseFrom(p);
                    yield new OrganizationEvent.MemberJoined(uuid(e.getOrganizationId()), uuid(e.getUserId()),
                            OrganizationRole.of(e.getRole()), uuidOrNull(e.getInvitationId()));
                }
                case EventTypes.MEMBER_ROLE_CHANGED -> {
                    MemberRoleChanged e = MemberRoleChanged.parseFrom(p);
                    yield new OrganizationEvent.MemberRoleChanged(uuid(e.getOrganizationId()), uuid(e.getUserId()),
                            OrganizationRole.of(e.getRole()), OrganizationRole.of(e.getPreviousRole()),
                            uuidOrNull(e.getChangedByUserId()));
                }
                case EventTypes.MEMBER_REMOVED -> {
                    MemberRemoved e = MemberRemoved.parseFrom(p);
                    yield new OrganizationEvent.MemberRemoved(uuid(e.getOrganizationId()), uuid(e.getUserId()),
                            uuidOrNull(e.getRemovedByUserId()), e.getReason());
                }
                case EventTypes.ORGANIZATION_CLOSED -> {
                    OrganizationClosed e = OrganizationClosed.parseFrom(p);
                    yield new OrganizationEvent.OrganizationClosed(uuid(e.getOrganizationId()), e.getReason());
                }
                case EventTypes.API_KEY_CREATED -> {
                    ApiKeyCreated e = ApiKeyCreated.parseFrom(p);
                    yield new OrganizationEvent.ApiKeyCreated(uuid(e.getOrganizationId()), uuid(e.getApiKeyId()),
                            e.getName(), OrganizationRole.of(e.getRole()), e.getSecretSha256(), e.getPrefix(),
                            uuidOrNull(e.getCreatedByUserId()));
                }
                case EventTypes.API_KEY_REVOKED -> {
                    ApiKeyRevoked e = ApiKeyRevoked.parseFrom(p);
                    yield new OrganizationEvent.ApiKeyRevoked(uuid(e.getOrganizationId()), uuid(e.getApiKeyId()),
                            uuidOrNull(e.getRevokedByUserId()));
                }
                default -> null;
            };
            return decoded == null ? new Decoded.Skipped("unknown event type " + event.type())
                    : new Decoded.Known(decoded);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            return new Decoded.Skipped("unreadable " + event.type() + " payload: " + e.getMessage());
        }
    }

    private static NewEvent newEvent(String type, byte[] payload) {
        return new NewEvent(type, SCHEMA_VERSION, payload);
    }

    private static String text(UUID id) {
        return id == null ? "" : id.toString();
    }

    private static UUID uuid(String id) {
        return UUID.fromString(id);
    }

    private static UUID uuidOrNull(String id) {
        return id == null || id.isEmpty() ? null : UUID.fromString(id);
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
