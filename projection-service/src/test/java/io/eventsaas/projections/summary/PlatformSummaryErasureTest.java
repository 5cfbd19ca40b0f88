package io.eventsaas.projections.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("when a user is erased")
class PlatformSummaryErasureTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final PlatformSummaryHandler handler = new PlatformSummaryHandler();

    @Test
    @DisplayName("their name leaves the latest sign-ups, the count stays, and the summary says it changed")
    void nameLeaves() {
        PlatformSummary summary = handler.on(PlatformSummary.EMPTY,
                new SummaryEvent.UserRegistered("ada", "Ada", T0, new StreamPosition(1, 0)));
        summary = handler.on(summary, new SummaryEvent.UserRegistered("bob", "Bob", T0.plusSeconds(1),
                new StreamPosition(2, 0)));

        PlatformSummary erased = handler.on(summary, new SummaryEvent.UserErased("bob", new StreamPosition(5, 0)));

        assertThat(erased.users()).isEqualTo(2);
        assertThat(erased.latestSignups()).extracting(Signup::displayName).containsExactly("", "Ada");
        assertThat(erased.asOfSequence()).isEqualTo(5);
    }

    @Test
    @DisplayName("of someone not among the latest sign-ups, nothing changes")
    void someoneElse() {
        PlatformSummary summary = handler.on(PlatformSummary.EMPTY,
                new SummaryEvent.UserRegistered("ada", "Ada", T0, new StreamPosition(1, 0)));

        assertThat(handler.on(summary, new SummaryEvent.UserErased("zed", new StreamPosition(9, 0))))
                .isEqualTo(summary);
    }
}
