package io.eventsaas.users.sessions;

import java.time.Duration;
import java.util.Optional;

/**
 * Failed sign-ins per e-mail address, shared by every instance (the KV bucket {@code sign-in-attempts}), changed
 * only by compare-and-set on the revision, so concurrent failures on several instances all count.
 */
public interface SignInAttemptStore {

    /** Opens the store, creating it with this max age when it is missing; called once, during warm-up. */
    void open(Duration maxAge);

    /** The record and its revision, or empty when there is none. */
    Optional<Versioned> find(String key);

    /** Writes the record if it is still at {@code revision} (0: if there is none); false when someone was first. */
    boolean compareAndSet(String key, FailedSignIns attempts, long revision);

    void delete(String key);

    record Versioned(FailedSignIns attempts, long revision) {
    }
}
