package io.eventsaas.projections.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.users.OrganizationCreated;
import io.eventsaas.contracts.users.UserRegistered;
import io.eventsaas.platform.eventstore.RecordedEvent;
import com.google.protobuf.ByteString;
import io.eventsaas.contracts.privacy.Sealed;
import io.eventsaas.platform.projection.UnreadableEventException;
import io.eventsaas.projections.summary.StreamPosition;
import io.eventsaas.projections.summary.SummaryEvent;
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

        assertThat(decoded).isEqualTo(new SummaryEvent.UserRegistered("u1", "Ada",
                Instant.parse("2026-11-22T10:00:00.123456Z"), new StreamPosition(42, 1)));
    }

    @Test
    @DisplayName("an OrganizationCreated becomes an organisation")
    void organizationCreated() {
        byte[] payload = OrganizationCreated.newBuilder().setOrganizationId("o1").setName("Ada's").build()
                .toByteArray();

        var decoded = SummaryEvents.decode(recorded(EventTypes.ORGANIZATION_CREATED, 1, payload));

        assertThat(decoded).isEqualTo(new SummaryEvent.OrganizationCreated("o1",
                new StreamPosition(42, 1)));
    }

    @Test
    @DisplayName("a UserRegistered of version 2 keeps its sealed personal data sealed, to be opened when rendered")
    void sealedName() {
        Sealed sealed = Sealed.newBuilder().setKeyId("user-u1").setNonce(ByteString.copyFrom(new byte[12]))
                .setCiphertext(ByteString.copyFromUtf8("not clear text")).build();
        byte[] payload = UserRegistered.newBuilder().setUserId("u1").setPersonalData(sealed).build().toByteArray();

        var decoded = (SummaryEvent.UserRegistered) SummaryEvents.decode(recorded(EventTypes.USER_REGISTERED, 2,
                payload));

        assertThat(decoded.displayName()).startsWith(SummaryEvents.SEALED).doesNotContain("not clear text");
    }

    @Test
    @DisplayName("an unreadable payload is reported as unreadable (the runner parks it), never as another failure")
    void unreadable() {
        assertThatThrownBy(() -> SummaryEvents.decode(recorded(EventTypes.USER_REGISTERED, 1,
                new byte[] {(byte) 0xff, 0x01}))).isInstanceOf(UnreadableEventException.class);
    }
}
