package io.eventsaas.users.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's account as the read model holds it: what commands decide on and what sign-in checks.
 *
 * @param email        normalised; null once erased
 * @param passwordHash PHC string; null once erased
 * @param version      the stream sequence of the user's last event applied here: the expected sequence of the
 *                     user's next append
 */
public record Account(UUID userId, String email, String displayName, String passwordHash,
        UUID personalOrganizationId, Instant registeredAt, boolean erased, long version) {

    @Override
    public String toString() {
        return "Account[userId=" + userId + ", erased=" + erased + ", version=" + version + "]";
    }
}
