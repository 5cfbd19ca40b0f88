package io.eventsaas.users.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CredentialsStamp")
class CredentialsStampTest {

    private static final String HASH = "$argon2id$v=19$m=16384,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA";
    /** The same password hashed again: another salt, so another PHC string. */
    private static final String REHASHED = "$argon2id$v=19$m=16384,t=2,p=1$b3RoZXJzYWx0b3RoZXI$aGFzaGhhc2hoYXNoaGFzaA";

    private static SessionRecord sessionStampedWith(String stamp) {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        return new SessionRecord("s-1", UUID.randomUUID(), now, now.plusSeconds(60), "test", stamp);
    }

    @Test
    @DisplayName("a session started with a hash matches that hash only: not a new one, not an erased user's none")
    void matchesOnlyTheCredentialsItWasStartedWith() {
        SessionRecord session = sessionStampedWith(CredentialsStamp.of(HASH));

        assertThat(session.startedWith(HASH)).isTrue();
        assertThat(session.startedWith(REHASHED)).as("after a password change").isFalse();
        assertThat(session.startedWith(null)).as("an erased user has no hash").isFalse();
        assertThat(session.startedWith("")).isFalse();
    }

    @Test
    @DisplayName("a session without a stamp (written before stamps existed) matches nothing")
    void noStampMatchesNothing() {
        assertThat(sessionStampedWith("").startedWith(HASH)).isFalse();
        assertThat(sessionStampedWith(null).startedWith(HASH)).isFalse();
    }

    @Test
    @DisplayName("the stamp is 128 bits of hex, the same for the same hash, another for another hash")
    void shape() {
        assertThat(CredentialsStamp.of(HASH)).matches("[0-9a-f]{32}").isEqualTo(CredentialsStamp.of(HASH))
                .isNotEqualTo(CredentialsStamp.of(REHASHED));
        assertThat(CredentialsStamp.of(null)).isEmpty();
    }
}
