package io.eventsaas.users.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.users.MemberInvited;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.privacy.PersonalDataVault;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.eventsaas.users.domain.OrganizationEvent;
import io.eventsaas.users.domain.OrganizationRole;
import io.eventsaas.users.events.DomainEventCodec.Decoded;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The organisation's events through the codec, with the personal-data vault on a real NATS server. */
@DisplayName("OrganizationEventCodec")
class OrganizationEventCodecIT {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID USER = UUID.randomUUID();
    private static String namespace;
    private static NatsConnector connector;
    private static PersonalDataVault vault;
    private static OrganizationEventCodec codec;

    @BeforeAll
    static void start() throws Exception {
        namespace = TestInfrastructure.newNamespace();
        connector = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", namespace, 1,
                Duration.ofSeconds(10), Duration.ofHours(1)), "codec-test");
        connector.awaitConnection(Duration.ofSeconds(10));
        vault = new PersonalDataVault(connector, Clock.systemUTC());
        vault.open();
        codec = new OrganizationEventCodec(vault);
    }

    @AfterAll
    static void stop() throws Exception {
        connector.close();
        TestInfrastructure.deleteNamespace(namespace);
    }

    private static Decoded roundTrip(OrganizationEvent event) {
        NewEvent encoded = codec.encode(event);
        return codec.decode(new RecordedEvent(9, 0, "events.organization." + ORG, UUID.randomUUID().toString(),
                encoded.type(), encoded.schemaVersion(), "organization", ORG.toString(), Instant.now(), "c", "c",
                encoded.payload()));
    }

    @Test
    @DisplayName("every organisation event comes back unchanged, as schema version 1 of its contract type")
    void roundTrips() {
        UUID invitation = UUID.randomUUID();
        UUID key = UUID.randomUUID();
        List<OrganizationEvent> events = List.of(
                new OrganizationEvent.OrganizationCreated(ORG, "Acme", USER, false),
                new OrganizationEvent.MemberInvited(ORG, invitation, "bob@example.org", OrganizationRole.ADMIN, USER,
                        Instant.parse("2026-12-01T10:00:00.123Z"), "abc"),
                new OrganizationEvent.MemberInvited(ORG, UUID.randomUUID(), "key@example.org", OrganizationRole.MEMBER,
                        null, Instant.parse("2026-12-01T10:00:00Z"), "def"),
                new OrganizationEvent.InvitationRevoked(ORG, invitation, null),
                new OrganizationEvent.MemberJoined(ORG, USER, OrganizationRole.MEMBER, invitation),
                new OrganizationEvent.MemberRoleChanged(ORG, USER, OrganizationRole.OWNER, OrganizationRole.ADMIN, null),
                new OrganizationEvent.MemberRemoved(ORG, USER, USER, OrganizationEvent.MemberRemoved.LEFT),
                new OrganizationEvent.OrganizationClosed(ORG, OrganizationEvent.OrganizationClosed.OWNER_ERASED),
                new OrganizationEvent.ApiKeyCreated(ORG, key, "ci", OrganizationRole.ADMIN, "sha", "esk_12345678", null),
                new OrganizationEvent.ApiKeyRevoked(ORG, key, USER));

        for (OrganizationEvent event : events) {
            assertThat(codec.encode(event).schemaVersion()).isEqualTo(1);
            assertThat(roundTrip(event)).isEqualTo(new Decoded.Known(event));
        }
        assertThat(codec.encode(events.get(5)).type()).isEqualTo(EventTypes.MEMBER_ROLE_CHANGED);
    }

    @Test
    @DisplayName("the invitee's address is sealed in the stream; once its key is destroyed it reads as empty")
    void inviteeSealed() throws Exception {
        UUID invitation = UUID.randomUUID();
        var invited = new OrganizationEvent.MemberInvited(ORG, invitation, "secret.person@example.org",
                OrganizationRole.MEMBER, USER, Instant.parse("2026-12-01T10:00:00Z"), "hash");
        NewEvent encoded = codec.encode(invited);

        assertThat(new String(encoded.payload(), StandardCharsets.ISO_8859_1)).doesNotContain("secret.person");
        assertThat(MemberInvited.parseFrom(encoded.payload()).getInvitee().getKeyId())
                .isEqualTo("invitation-" + invitation);

        vault.destroy("invitation-" + invitation);
        Decoded decoded = codec.decode(new RecordedEvent(10, 0, "s", "e", encoded.type(), 1, "organization",
                ORG.toString(), Instant.now(), "c", "c", encoded.payload()));
        assertThat(decoded).isEqualTo(new Decoded.Known(new OrganizationEvent.MemberInvited(ORG, invitation, "",
                OrganizationRole.MEMBER, USER, invited.expiresAt(), "hash")));
    }

    @Test
    @DisplayName("a newer schema version or a broken payload is skipped, never thrown")
    void skips() {
        NewEvent encoded = codec.encode(new OrganizationEvent.OrganizationCreated(ORG, "Acme", USER, false));
        assertThat(codec.decode(new RecordedEvent(1, 0, "s", "e", encoded.type(), 2, "organization", ORG.toString(),
                Instant.now(), "c", "c", encoded.payload()))).isInstanceOf(Decoded.Skipped.class);
        assertThat(codec.decode(new RecordedEvent(1, 0, "s", "e", EventTypes.MEMBER_JOINED, 1, "organization",
                ORG.toString(), Instant.now(), "c", "c", new byte[] {(byte) 0xFF, 0x01}))).isInstanceOf(
                        Decoded.Skipped.class);
    }
}
