package io.eventsaas.users.sessions;

import java.time.Instant;
import java.util.UUID;

/**
 * One signed-in session, as stored (the token itself is not: only the hash of its secret, in the key).
 *
 * @param credentialsStamp which credentials it was started with ({@link CredentialsStamp}): a session whose stamp is
 *                         not the user's current one is refused
 */
public record SessionRecord(String sessionId, UUID userId, Instant startedAt, Instant expiresAt, String userAgent,
        String credentialsStamp) {

    /** Whether the session was started with these credentials (the user's password hash), not older ones. */
    boolean startedWith(String passwordHash) {
        return CredentialsStamp.matches(credentialsStamp, passwordHash);
    }
}
