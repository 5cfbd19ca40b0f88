package io.eventsaas.users.domain;

import java.util.UUID;

/** What can happen to a user. */
public sealed interface UserEvent extends DomainEvent permits UserEvent.UserRegistered {

    UUID userId();

    /**
     * A user signed up. Fields are plain values rather than value objects: an event is history and must stay
     * readable even if the rules for new addresses or names change.
     */
    record UserRegistered(UUID userId, String email, String displayName, PasswordHash passwordHash,
            UUID personalOrganizationId) implements UserEvent {
    }
}
