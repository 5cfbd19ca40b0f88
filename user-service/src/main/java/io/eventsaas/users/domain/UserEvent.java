package io.eventsaas.users.domain;

import java.util.UUID;

/**
 * What can happen to a user.
 *
 * <p>The personal data in these events (e-mail address, name, password hash) travels sealed with the user's
 * personal-data key. Once the user is erased the key is gone, and a reader gets the event with that data
 * {@linkplain #isErased() erased}: empty e-mail, {@link User#ERASED_NAME}, no hash.
 */
public sealed interface UserEvent extends DomainEvent
        permits UserEvent.UserRegistered, UserEvent.UserRenamed, UserEvent.PasswordChanged, UserEvent.UserErased {

    UUID userId();

    /**
     * A user signed up. Fields are plain values rather than value objects: an event is history and must stay
     * readable even if the rules for new addresses or names change.
     *
     * @param passwordHash null when the personal data can no longer be read (the user was erased)
     */
    record UserRegistered(UUID userId, String email, String displayName, PasswordHash passwordHash,
            UUID personalOrganizationId) implements UserEvent {

        /** A registration whose personal data is unreadable: its key was destroyed. */
        public static UserRegistered withErasedData(UUID userId, UUID personalOrganizationId) {
            return new UserRegistered(userId, "", User.ERASED_NAME, null, personalOrganizationId);
        }

        /** Whether the personal data could not be read (the user was erased). */
        public boolean isErased() {
            return passwordHash == null;
        }
    }

    /** A user took another display name; {@code displayName} is null when it can no longer be read. */
    record UserRenamed(UUID userId, String displayName) implements UserEvent {
    }

    /** A user changed their password; {@code passwordHash} is null when it can no longer be read. */
    record PasswordChanged(UUID userId, PasswordHash passwordHash) implements UserEvent {
    }

    /** A user was erased: their personal-data key is destroyed, their personal data unreadable from now on. */
    record UserErased(UUID userId) implements UserEvent {
    }
}
