package io.eventsaas.users.sessions;

import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Limits failed sign-ins per e-mail address, for every instance at once: the count lives in the shared store and
 * changes by compare-and-set, so N instances cannot give an attacker N times the attempts. The key is the SHA-256
 * of the normalised address, for known and unknown addresses alike (a lock tells nothing about registration).
 */
@Component
public class SignInLimiter {

    private static final Logger log = LoggerFactory.getLogger(SignInLimiter.class);
    private static final int CAS_ATTEMPTS = 20;

    private final SignInAttemptStore store;
    private final SessionSettings settings;
    private final Clock clock;

    SignInLimiter(SignInAttemptStore store, SessionSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    public void open() {
        store.open(settings.attemptsMaxAge());
    }

    /** @throws RpcException 429 while the address is locked, saying when to try again */
    public void checkNotLocked(String normalisedEmail) {
        Instant now = clock.instant();
        store.find(keyOf(normalisedEmail))
                .map(SignInAttemptStore.Versioned::attempts)
                .filter(attempts -> attempts.isLockedAt(now))
                .ifPresent(attempts -> {
                    throw tooMany(attempts.lockedUntil(), now);
                });
    }

    /** Counts a failure; returns the lock it caused, if it caused one. */
    public Optional<Instant> recordFailure(String normalisedEmail) {
        String key = keyOf(normalisedEmail);
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Optional<SignInAttemptStore.Versioned> current = store.find(key);
            FailedSignIns before = current.map(SignInAttemptStore.Versioned::attempts).orElse(FailedSignIns.none());
            FailedSignIns after = before.afterFailure(now, settings.maxFailedSignIns(), settings.failureWindow(),
                    settings.lockout());
            if (store.compareAndSet(key, after, current.map(SignInAttemptStore.Versioned::revision).orElse(0L))) {
                if (after.isLockedAt(now) && !before.isLockedAt(now)) {
                    log.warn("Sign-in locked until {} after {} failures for one address (key {})",
                            after.lockedUntil(), settings.maxFailedSignIns(), key.substring(0, 12));
                    return Optional.of(after.lockedUntil());
                }
                return Optional.empty();
            }
        }
        throw new IllegalStateException("cannot count a failed sign-in: the record keeps changing");
    }

    /** A successful sign-in forgets the failures. */
    public void recordSuccess(String normalisedEmail) {
        String key = keyOf(normalisedEmail);
        if (store.find(key).isPresent()) {
            store.delete(key);
        }
    }

    public static RpcException tooMany(Instant lockedUntil, Instant now) {
        long minutes = Math.max(1, (Duration.between(now, lockedUntil).toSeconds() + 59) / 60);
        return new RpcException(RpcStatus.TOO_MANY_REQUESTS, "too many failed sign-ins for this e-mail address; "
                + "try again after " + lockedUntil.truncatedTo(ChronoUnit.SECONDS) + " (in " + minutes + " minute"
                + (minutes == 1 ? "" : "s") + ")");
    }

    static String keyOf(String normalisedEmail) {
        return SessionTokens.sha256Hex(normalisedEmail);
    }
}
