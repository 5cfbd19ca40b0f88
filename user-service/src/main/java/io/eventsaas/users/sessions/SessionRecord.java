package io.eventsaas.users.sessions;

import java.time.Instant;
import java.util.UUID;

/** One signed-in session, as stored (the token itself is not: only the hash of its secret, in the key). */
public record SessionRecord(String sessionId, UUID userId, Instant startedAt, Instant expiresAt, String userAgent) {
}
