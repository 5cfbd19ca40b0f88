package io.eventsaas.projections.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.users.OrganizationCreated;
import io.eventsaas.contracts.users.UserRegistered;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.projections.nats.SummaryEvents.Known;
import io.eventsaas.projections.nats.SummaryEvents.SkipReason;
import io.eventsaas.projections.nats.SummaryEvents.Skipped;
import io.eventsaas.projections.summary.StreamPosition;
import io.eventsaas.projections.summary.SummaryEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Decoding events for the platform summary")
class SummaryEventsTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:00:00.123456789Z");

    private static RecordedEvent recorded(String type, int version, byte[] payload) {
        return new RecordedEvent(42, 1, "events.x.y", "event-1", type, version, "x", "y", AT, "corr", "cause",
                payload);
    }

    @Test
    @DisplayName("a UserRegistered becomes a sign-up with the event's time (to the microsecond) and position")
    void userRegistered() {
        byte[] payload = UserRegistered.newBuilder().setUserId("u1").setDisplayName("Ada")
                .setEmail("ada@example.com").setPasswordHash("$argon2id$...").build().toByteArray();

        var decoded = SummaryEvents.decode(recorded(EventTypes.USER_REGISTERED, 1, payload));

        assertThat(decoded).isEqualTo(new Known(new SummaryEvent.UserRegistered("u1", "Ada",
                Instant.parse("2026-11-22T10:00:00.123456Z"), new StreamPosition(42, 1))));
    }

    @Test
    @DisplayName("an OrganizationCreated becomes an organisation")
    void organizationCreated() {
        byte[] payload = OrganizationCreated.newBuilder().setOrganizationId("o1").setName("Ada's").build()
                .toByteArray();

        var decoded = SummaryEvents.decode(recorded(EventTypes.ORGANIZATION_CREATED, 1, payload));

        assertThat(decoded).isEqualTo(new Known(new SummaryEvent.OrganizationCreated("o1",
                new StreamPosition(42, 1))));
    }

    @Test
    @DisplayName("an unknown type, a newer schema version and an unreadable payload are skipped, never thrown")
    void skips() {
        assertThat(SummaryEvents.decode(recorded("InvoicePaid", 1, new byte[] {1, 2, 3})))
                .isEqualTo(new Skipped(SkipReason.UNKNOWN_TYPE));
        assertThat(SummaryEvents.decode(recorded(EventTypes.USER_REGISTERED, 2, new byte[0])))
                .isEqualTo(new Skipped(SkipReason.NEWER_SCHEMA_VERSION));
        assertThat(SummaryEvents.decode(recorded(EventTypes.USER_REGISTERED, 1, new byte[] {(byte) 0xff, 0x01})))
                .isEqualTo(new Skipped(SkipReason.MALFORMED));
    }

    @Test
    @DisplayName("skipped events are counted per reason and type")
    void countsSkipped() {
        SkippedEvents skipped = new SkippedEvents("test-v1", new SimpleMeterRegistry());
        RecordedEvent unknown = recorded("InvoicePaid", 1, new byte[0]);

        skipped.skip(unknown, SkipReason.UNKNOWN_TYPE);
        skipped.skip(unknown, SkipReason.UNKNOWN_TYPE);
        skipped.skip(recorded(EventTypes.USER_REGISTERED, 2, new byte[0]), SkipReason.NEWER_SCHEMA_VERSION);

        assertThat(skipped.count(SkipReason.UNKNOWN_TYPE, "InvoicePaid")).isEqualTo(2);
        assertThat(skipped.count(SkipReason.NEWER_SCHEMA_VERSION, EventTypes.USER_REGISTERED)).isEqualTo(1);
    }
}
