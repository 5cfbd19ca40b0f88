package io.eventsaas.users.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FailedSignIns: 3 failures within 15 minutes lock for 15 minutes")
class FailedSignInsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration LOCKOUT = Duration.ofMinutes(15);

    private static FailedSignIns fail(FailedSignIns state, Instant at) {
        return state.afterFailure(at, 3, WINDOW, LOCKOUT);
    }

    @Test
    @DisplayName("given failures within the window, then the third locks the address until now + lockout, and the "
            + "count starts again")
    void locksAtTheLimit() {
        FailedSignIns two = fail(fail(FailedSignIns.none(), T0), T0.plusSeconds(60));
        FailedSignIns three = fail(two, T0.plusSeconds(120));

        assertThat(two).isEqualTo(new FailedSignIns(2, T0, null));
        assertThat(two.isLockedAt(T0.plusSeconds(120))).isFalse();
        assertThat(three).isEqualTo(new FailedSignIns(0, null, T0.plusSeconds(120).plus(LOCKOUT)));
        assertThat(three.isLockedAt(T0.plusSeconds(121))).isTrue();
        assertThat(three.isLockedAt(T0.plusSeconds(120).plus(LOCKOUT))).as("unlocked when the lockout ends").isFalse();
    }

    @Test
    @DisplayName("given a failure after the window has passed, then it counts as the first of a new window")
    void oldFailuresStopCounting() {
        FailedSignIns two = fail(fail(FailedSignIns.none(), T0), T0.plusSeconds(60));

        FailedSignIns later = fail(two, T0.plus(WINDOW).plusSeconds(1));

        assertThat(later).isEqualTo(new FailedSignIns(1, T0.plus(WINDOW).plusSeconds(1), null));
        assertThat(later.isLockedAt(T0.plus(WINDOW).plusSeconds(1))).isFalse();
    }

    @Test
    @DisplayName("given no record, then nothing is locked")
    void noneIsUnlocked() {
        assertThat(FailedSignIns.none().isLockedAt(T0)).isFalse();
    }

    @Test
    @DisplayName("the 429 says when to try again, in minutes rounded up")
    void tooManySaysWhen() {
        var e = SignInLimiter.tooMany(T0.plusSeconds(14 * 60 + 1), T0);

        assertThat(e.status().code()).isEqualTo(429);
        assertThat(e.getMessage()).contains("try again after 2026-11-22T06:14:01Z").contains("in 15 minutes");
    }
}
