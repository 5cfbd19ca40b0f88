package io.eventsaas.users.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.contracts.EventTypes;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.users.domain.DomainEvent;
import io.eventsaas.users.domain.OrganizationEvent.OrganizationCreated;
import io.eventsaas.users.domain.PasswordHash;
import io.eventsaas.users.domain.UserEvent.UserRegistered;
import io.eventsaas.users.events.DomainEventCodec.Decoded;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ProtobufEventCodec")
class ProtobufEventCodecTest {

    private final ProtobufEventCodec codec = new ProtobufEventCodec(null);
    private static final UUID USER = UUID.randomUUID();
    private static final UUID ORG = UUID.randomUUID();

    private static RecordedEvent recorded(String type, int version, byte[] payload) {
        return new RecordedEvent(7, 0, "events.x.y", UUID.randomUUID().toString(), type, version, "x", "y",
                Instant.now(), "corr", "cause", payload);
    }

    private Decoded roundTrip(DomainEvent event) {
        NewEvent encoded = codec.encode(event);
        return codec.decode(recorded(encoded.type(), encoded.schemaVersion(), encoded.payload()));
    }

    @Test
    @DisplayName("encodes and decodes both events unchanged, as schema version 1 of their contract type")
    void roundTrips() {
        var registered = new UserRegistered(USER, "ann@example.org", "Ann", new PasswordHash("$argon2id$x"), ORG);
        var created = new OrganizationCreated(ORG, "Personal", USER, true);

        assertThat(codec.encode(registered).type()).isEqualTo(EventTypes.USER_REGISTERED);
        assertThat(codec.encode(created).schemaVersion()).isEqualTo(1);
        assertThat(roundTrip(registered)).isEqualTo(new Decoded.Known(registered));
        assertThat(roundTrip(created)).isEqualTo(new Decoded.Known(created));
    }

    @Test
    @DisplayName("skips a newer schema version, an unknown type and an unreadable payload instead of failing")
    void skipsWhatItCannotRead() {
        NewEvent encoded = codec.encode(new OrganizationCreated(ORG, "Org", USER, false));

        assertThat(codec.decode(recorded(encoded.type(), 2, encoded.payload()))).isInstanceOf(Decoded.Skipped.class);
        assertThat(codec.decode(recorded("UserRenamed", 1, encoded.payload()))).isInstanceOf(Decoded.Skipped.class);
        assertThat(codec.decode(recorded(EventTypes.USER_REGISTERED, 1,
                "\u0008garbage".getBytes(StandardCharsets.UTF_8)))).isInstanceOf(Decoded.Skipped.class);
        assertThat(codec.decode(recorded(EventTypes.ORGANIZATION_CREATED, 1, new byte[0])))
                .as("an empty payload has no valid ids").isInstanceOf(Decoded.Skipped.class);
    }
}
