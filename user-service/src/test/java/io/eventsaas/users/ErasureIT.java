package io.eventsaas.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.Streams;
import io.eventsaas.contracts.privacy.Sealed;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.contracts.users.Erasure;
import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.contracts.users.UserPersonalData;
import io.eventsaas.contracts.users.UserRegistered;
import io.eventsaas.contracts.users.UserRegistration;
import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.privacy.PersonalDataVault;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.eventsaas.users.domain.UserEvent;
import io.eventsaas.users.events.DomainEventCodec;
import java.net.URI;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Erasure by crypto-shredding, end to end: the personal data sealed in the stream cannot be opened afterwards, by
 * anyone, and a rebuild from the stream shows the user erased while every other event still replays.
 */
@DisplayName("erasing a user")
class ErasureIT {

    private static String namespace;
    private static String database;
    private static UserServiceInstance instance;
    private static UsersClient client;
    private static NatsConnector outsider;
    private static PersonalDataVault outsidersVault;

    @BeforeAll
    static void start() throws Exception {
        namespace = TestInfrastructure.newNamespace();
        database = TestInfrastructure.newDatabase("users_erasure");
        instance = UserServiceInstance.start(namespace, database);
        client = new UsersClient(namespace);
        // Another reader of the key bucket (as projection-service is): it never saw the keys before.
        outsider = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", namespace, 1,
                Duration.ofSeconds(5), Duration.ofHours(1)), "erasure-test-reader");
        outsider.awaitConnection(Duration.ofSeconds(10));
        outsidersVault = new PersonalDataVault(outsider, Clock.systemUTC());
        outsidersVault.open();
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (outsider != null) {
            outsider.close();
        }
        if (instance != null) {
            instance.close();
        }
        TestInfrastructure.dropDatabase(database);
        TestInfrastructure.deleteNamespace(namespace);
    }

    private static String uniqueEmail(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /** The personal data sealed in the user's UserRegistered, opened by a reader that never saw the key. */
    private static Optional<UserPersonalData> sealedRegistrationOf(String userId) throws Exception {
        for (RecordedEvent event : instance.bean(EventStore.class).load(Streams.USER, userId)) {
            if (event.type().equals(EventTypes.USER_REGISTERED)) {
                Sealed sealed = UserRegistered.parseFrom(event.payload()).getPersonalData();
                assertThat(sealed.getKeyId()).isEqualTo("user-" + userId);
                PersonalDataVault fresh = new PersonalDataVault(outsider, Clock.systemUTC()); // no cached keys
                fresh.open();
                return fresh.open(sealed, UserPersonalData.parser());
            }
        }
        throw new AssertionError("no UserRegistered for " + userId);
    }

    @Test
    @DisplayName("given a user with sessions, when they erase their account, then their sessions end, their sealed "
            + "data opens nowhere, the read model shows them erased, and their address can register again")
    void erase() throws Exception {
        String email = uniqueEmail("Erin");
        UserRegistration erin = client.registerAndSignIn(email, "Erin Example");
        String otherSession = client.signIn(email, UsersClient.PASSWORD).getSessionToken();
        client.rename(client.callerOf(erin.getSession().getSessionToken()), "Erin Renamed");
        UserRegistration bob = client.register(uniqueEmail("bob"), "Bob");
        Caller erinCaller = client.callerOf(erin.getSession().getSessionToken());
        assertThat(sealedRegistrationOf(erin.getUserId())).get().extracting(UserPersonalData::getEmail)
                .isEqualTo(email.toLowerCase());
        long eventsBefore = client.countEvents(Streams.USER, erin.getUserId());

        RpcException wrong = catchThrowableOfType(RpcException.class, () -> client.erase(erinCaller, "wrong password"));
        assertThat(wrong.status()).isEqualTo(RpcStatus.BAD_REQUEST);
        assertThat(wrong.fieldErrors()).containsOnlyKeys("password");
        assertThat(client.countEvents(Streams.USER, erin.getUserId())).isEqualTo(eventsBefore);

        Erasure erasure = client.erase(erinCaller, UsersClient.PASSWORD);

        assertThat(erasure.getUserId()).isEqualTo(erin.getUserId());
        assertThat(client.countEvents(Streams.USER, erin.getUserId())).isEqualTo(eventsBefore + 1);
        for (String token : List.of(erin.getSession().getSessionToken(), otherSession)) {
            assertThat(catchThrowableOfType(RpcException.class, () -> client.authenticate(token)).status())
                    .isEqualTo(RpcStatus.UNAUTHORIZED);
        }
        assertThat(sealedRegistrationOf(erin.getUserId())).as("Erin's sealed data, opened anew").isEmpty();
        assertThat(instance.bean(PersonalDataVault.class).hasKey("user-" + erin.getUserId())).isFalse();
        assertThat(sealedRegistrationOf(bob.getUserId())).as("Bob's").isPresent();
        UserDetails erased = client.getUserAsAdmin(erin.getUserId());
        assertThat(erased.getEmail()).isEmpty();
        assertThat(erased.getDisplayName()).isEqualTo("Erased user");
        assertThat(catchThrowableOfType(RpcException.class, () -> client.signIn(email, UsersClient.PASSWORD))
                .status()).isEqualTo(RpcStatus.UNAUTHORIZED);
        assertThat(client.isClaimed(email)).isFalse();

        UserRegistration again = client.registerAndSignIn(" " + email.toUpperCase(), "Erin Again");
        assertThat(again.getUserId()).isNotEqualTo(erin.getUserId());
        assertThat(client.authenticate(again.getSession().getSessionToken()).getEmail()).isEqualTo(email.toLowerCase());
    }

    @Test
    @DisplayName("given an erasure that stopped right after appending UserErased, then the policy ends the sessions, "
            + "frees the address and destroys the key")
    void policyFinishesAnInterruptedErasure() throws Exception {
        String email = uniqueEmail("crashed");
        UserRegistration user = client.registerAndSignIn(email, "Crashed Midway");
        EventStore store = instance.bean(EventStore.class);
        long version = store.versionOf(Streams.USER, user.getUserId());

        store.append(new Append(Streams.USER, user.getUserId(), version, "test-erase:" + user.getUserId(), "corr",
                "cause", List.of(instance.bean(DomainEventCodec.class)
                        .encode(new UserEvent.UserErased(UUID.fromString(user.getUserId()))))));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(client.isClaimed(email)).isFalse();
            assertThat(outsidersVault.hasKey("user-" + user.getUserId())).isFalse();
            assertThat(catchThrowableOfType(RpcException.class,
                    () -> client.authenticate(user.getSession().getSessionToken())).status())
                    .isEqualTo(RpcStatus.UNAUTHORIZED);
        });
    }

    @Test
    @DisplayName("given an erased user, when the database is dropped and rebuilt from the stream, then the user "
            + "shows erased, and everybody else exactly as before")
    void rebuildShowsErasure() throws Exception {
        String email = uniqueEmail("rebuilt");
        UserRegistration gone = client.registerAndSignIn(email, "Gone Soon");
        UserRegistration stays = client.registerAndSignIn(uniqueEmail("stays"), "Stays");
        client.rename(client.callerOf(stays.getSession().getSessionToken()), "Stays Renamed");
        client.erase(client.callerOf(gone.getSession().getSessionToken()), UsersClient.PASSWORD);
        UserRegistration successor = client.register(email, "Successor");
        UserDetails staysBefore = client.getUser(stays.getUserId());
        UserDetails successorBefore = client.getUser(successor.getUserId());
        UserDetails goneBefore = client.getUserAsAdmin(gone.getUserId());

        instance.close();
        TestInfrastructure.dropDatabase(database);
        createEmptyDatabase(database);
        instance = UserServiceInstance.start(namespace, database);

        UserDetails goneAfter = client.getUserAsAdmin(gone.getUserId());
        assertThat(goneAfter).isEqualTo(goneBefore);
        assertThat(goneAfter.getEmail()).isEmpty();
        assertThat(goneAfter.getDisplayName()).isEqualTo("Erased user");
        assertThat(client.getUser(stays.getUserId())).isEqualTo(staysBefore);
        assertThat(client.getUser(successor.getUserId())).isEqualTo(successorBefore);
        assertThat(staysBefore.getDisplayName()).isEqualTo("Stays Renamed");
        assertThat(successorBefore.getEmail()).isEqualTo(email.toLowerCase());
        assertThat(client.signIn(email, UsersClient.PASSWORD).getUserId()).isEqualTo(successor.getUserId());
    }

    /** The operator's part: an empty database under the old name. */
    private static void createEmptyDatabase(String jdbcUrl) throws Exception {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String name = uri.getPath().substring(1);
        String admin = "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + "/postgres";
        try (var connection = DriverManager.getConnection(admin, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword()); var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }
}
