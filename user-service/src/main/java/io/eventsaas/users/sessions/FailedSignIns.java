package io.eventsaas.users.sessions;

import java.time.Duration;
import java.time.Instant;

/**
 * Recent failed sign-ins for one e-mail address, and the rule that locks it: {@code maxFailures} failures within
 * {@code window} lock the address for {@code lockout}. Plain values, decided without any server.
 *
 * @param failures       failures counted since {@code firstFailureAt}
 * @param firstFailureAt when the counted failures began (null: none)
 * @param lockedUntil    until when every sign-in is refused (null: not locked)
 */
public record FailedSignIns(int failures, Instant firstFailureAt, Instant lockedUntil) {

    public static FailedSignIns none() {
        return new FailedSignIns(0, null, null);
    }

    public boolean isLockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /**
     * After one more failure at {@code now}: counted in the current window (or a new one when it has passed),
     * and locked when the count reaches {@code maxFailures}; the count starts again after the lock.
     */
    public FailedSignIns afterFailure(Instant now, int maxFailures, Duration window, Duration lockout) {
        boolean windowOpen = firstFailureAt != null && now.isBefore(firstFailureAt.plus(window));
        int counted = windowOpen ? failures + 1 : 1;
        Instant first = windowOpen ? firstFailureAt : now;
        if (counted >= maxFailures) {
            return new FailedSignIns(0, null, now.plus(lockout));
        }
        return new FailedSignIns(counted, first, isLockedAt(now) ? lockedUntil : null);
    }
}
