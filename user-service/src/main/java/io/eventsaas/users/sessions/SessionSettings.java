package io.eventsaas.users.sessions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sessions and the sign-in limit ({@code users.sessions.*}; from the environment e.g.
 * {@code USERS_SESSIONS_LIFETIME=7d}).
 *
 * @param lifetime           how long a session lasts from sign-in (also the max age of the {@code sessions} bucket)
 * @param maxFailedSignIns   failed sign-ins for one e-mail address, within {@code failureWindow}, that lock it
 * @param failureWindow      how far back failed sign-ins count
 * @param lockout            how long an address stays locked: every sign-in is refused with 429 meanwhile
 */
@ConfigurationProperties("users.sessions")
public record SessionSettings(
        @DefaultValue("30d") Duration lifetime,
        @DefaultValue("5") int maxFailedSignIns,
        @DefaultValue("15m") Duration failureWindow,
        @DefaultValue("15m") Duration lockout) {

    public SessionSettings {
        requirePositive("users.sessions.lifetime (USERS_SESSIONS_LIFETIME)", lifetime);
        requirePositive("users.sessions.failure-window (USERS_SESSIONS_FAILURE_WINDOW)", failureWindow);
        requirePositive("users.sessions.lockout (USERS_SESSIONS_LOCKOUT)", lockout);
        if (maxFailedSignIns < 1 || maxFailedSignIns > 1000) {
            throw new IllegalArgumentException("users.sessions.max-failed-sign-ins (USERS_SESSIONS_MAX_FAILED_SIGN_INS)"
                    + " must be 1 to 1000, not " + maxFailedSignIns);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, not " + value);
        }
    }

    /** How long a record of failed sign-ins is worth keeping: the max age of the {@code sign-in-attempts} bucket. */
    public Duration attemptsMaxAge() {
        return failureWindow.plus(lockout);
    }
}
