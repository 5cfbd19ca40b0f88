package io.eventsaas.gateway.users;

import java.time.Instant;

/** A session user-service started: the token (shown once; it keeps only a hash), whose it is, and when it ends. */
public record SessionToken(String token, String userId, Instant expiresAt) {

    /** Never prints the token. */
    @Override
    public String toString() {
        return "SessionToken[userId=" + userId + ", expiresAt=" + expiresAt + "]";
    }
}
