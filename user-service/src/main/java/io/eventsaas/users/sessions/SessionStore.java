package io.eventsaas.users.sessions;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Where sessions live, shared by every instance (the KV bucket {@code sessions}; its entries expire after the
 * session lifetime). Keys are {@code <user id>.<sha-256 hex of the token's secret>}.
 */
public interface SessionStore {

    /** Opens the store, creating it with this max age when it is missing; called once, during warm-up. */
    void open(Duration maxAge);

    void save(String key, SessionRecord session);

    Optional<SessionRecord> find(String key);

    /** Ends one session; nothing happens when it has ended already. */
    void delete(String key);

    /** Ends every session of a user (every key with the user's prefix); returns how many there were. */
    int deleteAll(UUID userId);
}
