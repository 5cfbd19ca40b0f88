package io.eventsaas.projections.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.projections.summary.SummaryEvent.OrganizationCreated;
import io.eventsaas.projections.summary.SummaryEvent.UserRegistered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The platform summary")
class PlatformSummaryHandlerTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final PlatformSummaryHandler handler = new PlatformSummaryHandler();

    private static UserRegistered registered(String name, long secondsAfterT0, long sequence) {
        return new UserRegistered("user-" + name, name, T0.plusSeconds(secondsAfterT0),
                new StreamPosition(sequence, 0));
    }

    private static OrganizationCreated created(long sequence) {
        return new OrganizationCreated("org-" + sequence, new StreamPosition(sequence, 0));
    }

    private PlatformSummary given(SummaryEvent... events) {
        PlatformSummary summary = PlatformSummary.EMPTY;
        for (SummaryEvent event : events) {
            summary = handler.on(summary, event);
        }
        return summary;
    }

    private static List<String> names(PlatformSummary summary) {
        return summary.latestSignups().stream().map(Signup::displayName).toList();
    }

    @Test
    @DisplayName("is empty before any event")
    void empty() {
        assertThat(PlatformSummary.EMPTY.users()).isZero();
        assertThat(PlatformSummary.EMPTY.organizations()).isZero();
        assertThat(PlatformSummary.EMPTY.latestSignups()).isEmpty();
        assertThat(PlatformSummary.EMPTY.asOfSequence()).isZero();
    }

    @Nested
    @DisplayName("when a user registers")
    class WhenUserRegisters {

        @Test
        @DisplayName("counts the user, records the sign-up with its time and moves to the event's sequence")
        void countsAndRecords() {
            PlatformSummary before = given(registered("Ada", 0, 1), created(2));

            PlatformSummary after = handler.on(before, registered("Grace", 5, 3));

            assertThat(after.users()).isEqualTo(2);
            assertThat(after.organizations()).isEqualTo(1);
            assertThat(after.latestSignups().getFirst())
                    .isEqualTo(new Signup("user-Grace", "Grace", T0.plusSeconds(5), new StreamPosition(3, 0)));
            assertThat(after.asOfSequence()).isEqualTo(3);
        }

        @Test
        @DisplayName("keeps only the five newest sign-ups, newest first")
        void keepsFiveNewest() {
            List<SummaryEvent> events = new ArrayList<>();
            for (int i = 1; i <= 7; i++) {
                events.add(registered("user" + i, i, i));
            }

            PlatformSummary summary = given(events.toArray(SummaryEvent[]::new));

            assertThat(summary.users()).isEqualTo(7);
            assertThat(names(summary)).containsExactly("user7", "user6", "user5", "user4", "user3");
        }

        @Test
        @DisplayName("places a sign-up by its time even when it arrives after a later one (clock skew)")
        void ordersByTime() {
            PlatformSummary summary = given(registered("late", 10, 1), registered("early", 5, 2));

            assertThat(names(summary)).containsExactly("late", "early");
        }

        @Test
        @DisplayName("orders sign-ups of the same instant by their place in the stream, later first")
        void breaksTiesByPosition() {
            PlatformSummary summary = given(
                    new UserRegistered("a", "first", T0, new StreamPosition(7, 0)),
                    new UserRegistered("b", "second", T0, new StreamPosition(7, 1)),
                    new UserRegistered("c", "third", T0, new StreamPosition(8, 0)));

            assertThat(names(summary)).containsExactly("third", "second", "first");
        }

        @Test
        @DisplayName("drops a sign-up older than the five it already shows, but still counts the user")
        void dropsOlderThanShown() {
            List<SummaryEvent> events = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                events.add(registered("user" + i, 100 + i, i));
            }
            events.add(registered("ancient", 0, 6));

            PlatformSummary summary = given(events.toArray(SummaryEvent[]::new));

            assertThat(summary.users()).isEqualTo(6);
            assertThat(names(summary)).doesNotContain("ancient").hasSize(5);
        }
    }

    @Nested
    @DisplayName("when an organisation is created")
    class WhenOrganizationCreated {

        @Test
        @DisplayName("counts it and leaves users and sign-ups alone")
        void counts() {
            PlatformSummary before = given(registered("Ada", 0, 1));

            PlatformSummary after = handler.on(before, created(2));

            assertThat(after.organizations()).isEqualTo(1);
            assertThat(after.users()).isEqualTo(1);
            assertThat(after.latestSignups()).isEqualTo(before.latestSignups());
            assertThat(after.asOfSequence()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("replaying the same events gives the same summary (what a rebuild relies on)")
    void deterministic() {
        SummaryEvent[] events = {registered("a", 3, 1), created(2), registered("b", 1, 3), registered("c", 3, 4),
                created(5)};

        assertThat(given(events)).isEqualTo(given(events));
    }
}
