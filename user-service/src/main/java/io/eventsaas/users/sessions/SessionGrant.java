package io.eventsaas.users.sessions;

import java.time.Instant;
import java.util.UUID;

/** A new session: the token goes to the caller once and is kept nowhere. */
public record SessionGrant(String token, UUID userId, String sessionId, Instant expiresAt) {

    @Override
    public String toString() {
        return "SessionGrant[token=(hidden), userId=" + userId + ", sessionId=" + sessionId + ", expiresAt="
                + expiresAt + "]";
    }
}
