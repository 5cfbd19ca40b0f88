package io.eventsaas.users.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.users.registration.ClaimDecision.Proceed;
import io.eventsaas.users.registration.ClaimDecision.Refuse;
import io.eventsaas.users.registration.ClaimDecision.TakeOver;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ClaimDecision: an e-mail address is claimed already")
class ClaimDecisionTest {

    private static final UUID USER = UUID.fromString("9d3c7e2a-1f0b-4c8e-b2a4-5e6f7a8b9c0d");
    private static final Instant CLAIMED = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration STALE_AFTER = Duration.ofSeconds(30);
    private static final EmailClaim HELD = new EmailClaim(USER, "cmd-a", CLAIMED);

    private static ClaimDecision decide(String commandId, Optional<String> registeredBy, Duration after) {
        return ClaimDecision.about(HELD, commandId, registeredBy, CLAIMED.plus(after), STALE_AFTER);
    }

    @Test
    @DisplayName("by the same command, user not registered yet: a retry, go on with the claimed user")
    void sameCommandNotYetRegistered() {
        assertThat(decide("cmd-a", Optional.empty(), Duration.ofSeconds(1))).isEqualTo(new Proceed(USER));
        assertThat(decide("cmd-a", Optional.empty(), Duration.ofHours(1))).isEqualTo(new Proceed(USER));
    }

    @Test
    @DisplayName("by the same command, user registered by it: a retry, go on with the claimed user")
    void sameCommandRegistered() {
        assertThat(decide("cmd-a", Optional.of("cmd-a"), Duration.ofSeconds(1))).isEqualTo(new Proceed(USER));
    }

    @Test
    @DisplayName("by another command whose user is registered: refused, however old the claim")
    void otherCommandRegistered() {
        assertThat(decide("cmd-b", Optional.of("cmd-a"), Duration.ofSeconds(1))).isEqualTo(new Refuse());
        assertThat(decide("cmd-b", Optional.of("cmd-a"), Duration.ofDays(1))).isEqualTo(new Refuse());
    }

    @Test
    @DisplayName("by another command, no user yet, claim fresh: refused (that registration is under way)")
    void otherCommandInProgress() {
        assertThat(decide("cmd-b", Optional.empty(), Duration.ofSeconds(29))).isEqualTo(new Refuse());
    }

    @Test
    @DisplayName("by another command, no user after the stale period: taken over, keeping the claimed user id")
    void staleClaimIsTakenOver() {
        assertThat(decide("cmd-b", Optional.empty(), Duration.ofSeconds(30))).isEqualTo(new TakeOver(USER));
    }

    @Test
    @DisplayName("taken over, then the old command won the race to register: the taker's retry is refused")
    void takerLostTheRace() {
        EmailClaim takenOver = new EmailClaim(USER, "cmd-b", CLAIMED.plusSeconds(40));

        assertThat(ClaimDecision.about(takenOver, "cmd-b", Optional.of("cmd-a"), CLAIMED.plusSeconds(41), STALE_AFTER))
                .isEqualTo(new Refuse());
        assertThat(ClaimDecision.about(takenOver, "cmd-a", Optional.of("cmd-a"), CLAIMED.plusSeconds(41), STALE_AFTER))
                .isEqualTo(new Proceed(USER));
    }
}
