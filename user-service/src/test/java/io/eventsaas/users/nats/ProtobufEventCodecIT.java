package io.eventsaas.users.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.users.UserRegistered;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.privacy.PersonalDataVault;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.eventsaas.users.domain.DomainEvent;
import io.eventsaas.users.domain.OrganizationEvent.OrganizationCreated;
import io.eventsaas.users.domain.PasswordHash;
import io.eventsaas.users.domain.User;
import io.eventsaas.users.domain.UserEvent.PasswordChanged;
import io.eventsaas.users.domain.UserEvent.UserErased;
import io.eventsaas.users.domain.UserEvent;
import io.eventsaas.users.domain.UserEvent.UserRenamed;
import io.eventsaas.users.events.DomainEventCodec.Decoded;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The codec with a real personal-data vault (its keys live in a NATS KV bucket). */
@DisplayName("ProtobufEventCodec")
class ProtobufEventCodecIT {

    private static String namespace;
    private static NatsConnector connector;
    private static PersonalDataVault vault;
    private static ProtobufEventCodec codec;
    private static final UUID ORG = UUID.randomUUID();

    @BeforeAll
    static void openVault() throws Exception {
        namespace = TestInfrastructure.newNamespace();
        connector = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", namespace, 1,
                Duration.ofSeconds(5), Duration.ofHours(1)), "codec-test");
        connector.awaitConnection(Duration.ofSeconds(10));
        vault = new PersonalDataVault(connector, Clock.systemUTC());
        vault.open();
        codec = new ProtobufEventCodec(vault);
    }

    @AfterAll
    static void close() throws Exception {
        connector.close();
        TestInfrastructure.deleteNamespace(namespace);
    }

    private static RecordedEvent recorded(String type, int version, byte[] payload) {
        return new RecordedEvent(7, 0, "events.x.y", UUID.randomUUID().toString(), type, version, "x", "y",
                Instant.now(), "corr", "cause", payload);
    }

    private static Decoded roundTrip(DomainEvent event) {
        NewEvent encoded = codec.encode(event);
        return codec.decode(recorded(encoded.type(), encoded.schemaVersion(), encoded.payload()));
    }

    private static UserEvent.UserRegistered registered(UUID user) {
        return new UserEvent.UserRegistered(user, "ann@example.org", "Ann", new PasswordHash("$argon2id$x"), ORG);
    }

    @Test
    @DisplayName("encodes and decodes every event unchanged; UserRegistered as schema version 2, the others as 1")
    void roundTrips() {
        UUID user = UUID.randomUUID();
        var created = new OrganizationCreated(ORG, "Personal", user, true);

        assertThat(codec.encode(registered(user)).schemaVersion()).isEqualTo(2);
        assertThat(codec.encode(created).schemaVersion()).isEqualTo(1);
        for (DomainEvent event : new DomainEvent[] {registered(user), created, new UserRenamed(user, "Ann Lee"),
                new PasswordChanged(user, new PasswordHash("$argon2id$y")), new UserErased(user)}) {
            assertThat(roundTrip(event)).as(event.getClass().getSimpleName()).isEqualTo(new Decoded.Known(event));
        }
    }

    @Test
    @DisplayName("seals the personal data: the payload holds neither the e-mail address, the name nor the hash, and "
            + "the clear-text fields of version 1 are empty")
    @SuppressWarnings("deprecation")
    void sealsPersonalData() throws Exception {
        NewEvent encoded = codec.encode(registered(UUID.randomUUID()));
        String payload = new String(encoded.payload(), StandardCharsets.ISO_8859_1);

        assertThat(payload).doesNotContain("ann@example.org").doesNotContain("Ann").doesNotContain("argon2id");
        UserRegistered message = UserRegistered.parseFrom(encoded.payload());
        assertThat(message.getEmail()).isEmpty();
        assertThat(message.getPersonalData().getKeyId()).startsWith("user-");
    }

    @Test
    @DisplayName("given the user's key destroyed, then their events decode with the personal data erased")
    void destroyedKeyReadsAsErased() {
        UUID user = UUID.randomUUID();
        NewEvent registration = codec.encode(registered(user));
        NewEvent rename = codec.encode(new UserRenamed(user, "Ann Lee"));
        NewEvent password = codec.encode(new PasswordChanged(user, new PasswordHash("$argon2id$y")));

        vault.destroy("user-" + user);

        assertThat(codec.decode(recorded(registration.type(), 2, registration.payload())))
                .isEqualTo(new Decoded.Known(UserEvent.UserRegistered.withErasedData(user, ORG)));
        assertThat(((UserEvent.UserRegistered) ((Decoded.Known) codec.decode(
                recorded(registration.type(), 2, registration.payload()))).event()).displayName())
                .isEqualTo(User.ERASED_NAME);
        assertThat(codec.decode(recorded(rename.type(), 1, rename.payload())))
                .isEqualTo(new Decoded.Known(new UserRenamed(user, null)));
        assertThat(codec.decode(recorded(password.type(), 1, password.payload())))
                .isEqualTo(new Decoded.Known(new PasswordChanged(user, null)));
    }

    @Test
    @DisplayName("reads version 1 of UserRegistered, written by 0.1.0 with the personal data in clear text")
    @SuppressWarnings("deprecation")
    void readsVersionOne() {
        UUID user = UUID.randomUUID();
        byte[] v1 = UserRegistered.newBuilder().setUserId(user.toString()).setEmail("bo@example.org")
                .setDisplayName("Bo").setPasswordHash("$argon2id$z").setPersonalOrganizationId(ORG.toString())
                .build().toByteArray();

        assertThat(codec.decode(recorded(EventTypes.USER_REGISTERED, 1, v1))).isEqualTo(new Decoded.Known(
                new UserEvent.UserRegistered(user, "bo@example.org", "Bo", new PasswordHash("$argon2id$z"), ORG)));
    }

    @Test
    @DisplayName("skips a newer schema version, an unknown type and an unreadable payload instead of failing")
    void skipsWhatItCannotRead() {
        NewEvent encoded = codec.encode(new OrganizationCreated(ORG, "Org", UUID.randomUUID(), false));

        assertThat(codec.decode(recorded(encoded.type(), 2, encoded.payload()))).isInstanceOf(Decoded.Skipped.class);
        assertThat(codec.decode(recorded(EventTypes.USER_REGISTERED, 3, encoded.payload())))
                .isInstanceOf(Decoded.Skipped.class);
        assertThat(codec.decode(recorded("SomethingNew", 1, encoded.payload()))).isInstanceOf(Decoded.Skipped.class);
        assertThat(codec.decode(recorded(EventTypes.USER_REGISTERED, 1,
                "\u0008garbage".getBytes(StandardCharsets.UTF_8)))).isInstanceOf(Decoded.Skipped.class);
        assertThat(codec.decode(recorded(EventTypes.ORGANIZATION_CREATED, 1, new byte[0])))
                .as("an empty payload has no valid ids").isInstanceOf(Decoded.Skipped.class);
    }
}
