package io.eventsaas.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.Streams;
import io.eventsaas.contracts.users.UserRegistration;
import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.Namespace;
import io.eventsaas.platform.privacy.PersonalDataVault;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import io.eventsaas.platform.testing.RunningInstances;
import io.eventsaas.users.credentials.PasswordHasher;
import io.eventsaas.users.domain.UserCommand.ChangePassword;
import io.eventsaas.users.domain.UserEvent.UserErased;
import io.eventsaas.users.events.DomainEventCodec;
import io.eventsaas.users.profile.UserCommands;
import io.eventsaas.users.sessions.AuthenticateSessionHandler;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances, each with its own read model and vault. An instance that dies right after appending {@code PasswordChanged} or {@code UserErased}, before it purges the
 * user's sessions: the old sessions must stop working anyway, on every instance, while a session started with the
 * new password works everywhere. The crash is simulated by appending through the command layer (or the event
 * store) directly, so that nothing purges a session; for the erasure, whose durable policy purges them a moment
 * later, the test puts the purged sessions back to show the refusal does not depend on the purge.
 */
@DisplayName("password changes and erasures with two instances")
class CredentialChangesTwoInstancesIT {

    private static final String NEW_PASSWORD = "a brand new passphrase";
    /** Every instance's read model applies an event within milliseconds; this bounds it with room for a busy CI. */
    private static final Duration BOUND = Duration.ofSeconds(2);

    @RegisterExtension
    static final RunningInstances<UserServiceInstance> service = RunningInstances.of("users_crash", 2,
            UserServiceInstance::start);
    private static List<UserServiceInstance> instances;
    private static UsersClient client;
    private static KeyValue sessionsBucket;

    @BeforeAll
    static void connect() throws Exception {
        instances = service.instances();
        client = service.closeAfterAll(new UsersClient(service.namespace()));
        sessionsBucket = client.connection().keyValue(new Namespace(service.namespace()).name(Buckets.SESSIONS));
    }

    private static String uniqueEmail(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private static final String ACCEPTED = "accepted";
    private static final String REFUSED = "refused with " + RpcStatus.UNAUTHORIZED;

    /** Authenticates on one instance in particular (the RPC queue group would pick one at random). */
    private static String outcomeOn(UserServiceInstance instance, String token) {
        try {
            instance.bean(AuthenticateSessionHandler.class).authenticate(token);
            return ACCEPTED;
        } catch (RpcException e) {
            return "refused with " + e.status();
        }
    }

    /** The sessions bucket's entries of this user: what a purge would have removed. */
    private static Map<String, byte[]> storedSessionsOf(String userId) throws Exception {
        Map<String, byte[]> stored = new HashMap<>();
        for (String key : sessionsBucket.keys(userId + ".*")) {
            KeyValueEntry entry = sessionsBucket.get(key);
            if (entry != null && entry.getValue() != null) {
                stored.put(key, entry.getValue());
            }
        }
        return stored;
    }

    /** Waits until every instance refuses every token with 401; returns how long that took after {@code since}. */
    private static Duration awaitRefusedEverywhere(List<String> tokens, long since) {
        await().atMost(BOUND).pollInterval(Duration.ofMillis(5)).untilAsserted(() -> {
            for (UserServiceInstance instance : instances) {
                for (String token : tokens) {
                    assertThat(outcomeOn(instance, token)).isEqualTo(REFUSED);
                }
            }
        });
        return Duration.ofNanos(System.nanoTime() - since);
    }

    @Test
    @DisplayName("given two sessions, when PasswordChanged is appended and the instance dies before ending them, then "
            + "both are refused on every instance within the bound though still stored, and a session with the new "
            + "password works on every instance")
    void passwordChangedWithoutPurge() throws Exception {
        String email = uniqueEmail("ann");
        UserRegistration ann = client.registerAndSignIn(email, "Ann");
        String first = ann.getSession().getSessionToken();
        String second = client.signIn(email, UsersClient.PASSWORD).getSessionToken();
        UUID userId = UUID.fromString(ann.getUserId());
        for (UserServiceInstance instance : instances) {
            assertThat(outcomeOn(instance, first)).isEqualTo(ACCEPTED);
            assertThat(outcomeOn(instance, second)).isEqualTo(ACCEPTED);
        }
        UserServiceInstance dying = instances.getFirst();
        var newHash = dying.bean(PasswordHasher.class).hash(NEW_PASSWORD);

        long appendedAt = System.nanoTime();
        dying.bean(UserCommands.class).execute(userId, "change-password", "crash-" + userId, "crash-" + userId,
                account -> new ChangePassword(userId, newHash));
        // ... and the instance dies here: nothing ends a session.

        Duration refusedAfter = awaitRefusedEverywhere(List.of(first, second), appendedAt);
        assertThat(storedSessionsOf(ann.getUserId())).as("nothing purged them").hasSize(2);
        assertThat(catchThrowableOfType(RpcException.class, () -> client.authenticate(first)).status())
                .isEqualTo(RpcStatus.UNAUTHORIZED);
        String fresh = client.signIn(email, NEW_PASSWORD).getSessionToken();
        for (UserServiceInstance instance : instances) {
            assertThat(outcomeOn(instance, fresh)).as("the new session").isEqualTo(ACCEPTED);
        }
        assertThat(client.authenticate(fresh).getCaller().getUserId()).isEqualTo(ann.getUserId());
        assertThat(catchThrowableOfType(RpcException.class, () -> client.signIn(email, UsersClient.PASSWORD))
                .status()).as("the old password").isEqualTo(RpcStatus.UNAUTHORIZED);
        System.out.printf("old sessions refused on both instances %d ms after the append%n",
                refusedAfter.toMillis());
    }

    @Test
    @DisplayName("given a password change through one instance, then the caller's new session works at once on the "
            + "other instance, even before that one's read model has applied the change")
    void newSessionWorksOnALaggingInstance() {
        for (int i = 0; i < 5; i++) {
            String email = uniqueEmail("bo" + i);
            UserRegistration bo = client.registerAndSignIn(email, "Bo");
            var caller = client.callerOf(bo.getSession().getSessionToken());

            String fresh = client.changePassword(caller, UsersClient.PASSWORD, NEW_PASSWORD).getSessionToken();

            for (UserServiceInstance instance : instances) {
                assertThat(outcomeOn(instance, fresh)).as("the caller's new session").isEqualTo(ACCEPTED);
                assertThat(outcomeOn(instance, bo.getSession().getSessionToken())).as("the old one")
                        .isEqualTo(REFUSED);
            }
        }
    }

    @Test
    @DisplayName("given both instances have a user's key cached, when the user is erased through one of them, then "
            + "neither can open the user's data within a second (the cache would keep it 30 s)")
    void erasureReachesTheOtherInstancesCache() {
        String email = uniqueEmail("di");
        UserRegistration di = client.registerAndSignIn(email, "Di");
        String keyId = "user-" + di.getUserId();
        for (UserServiceInstance instance : instances) {
            assertThat(instance.bean(PersonalDataVault.class).hasKey(keyId)).as("read, so cached").isTrue();
        }

        client.erase(client.callerOf(di.getSession().getSessionToken()), UsersClient.PASSWORD);
        long erasedAt = System.nanoTime();

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(2)).untilAsserted(() -> {
            for (UserServiceInstance instance : instances) {
                assertThat(instance.bean(PersonalDataVault.class).hasKey(keyId)).isFalse();
            }
        });
        System.out.printf("both instances' vaults lost the erased key %d ms after the reply%n",
                (System.nanoTime() - erasedAt) / 1_000_000);
        assertThat(PersonalDataVault.cacheTime()).isGreaterThan(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("given two sessions, when UserErased is appended and the instance dies before ending them, then both "
            + "are refused on every instance within the bound, even with the sessions put back in the bucket")
    void userErasedWithoutPurge() throws Exception {
        String email = uniqueEmail("cy");
        UserRegistration cy = client.registerAndSignIn(email, "Cy");
        String first = cy.getSession().getSessionToken();
        String second = client.signIn(email, UsersClient.PASSWORD).getSessionToken();
        Map<String, byte[]> stored = storedSessionsOf(cy.getUserId());
        assertThat(stored).hasSize(2);
        UserServiceInstance dying = instances.getFirst();
        EventStore store = dying.bean(EventStore.class);
        long version = store.versionOf(Streams.USER, cy.getUserId());

        long appendedAt = System.nanoTime();
        store.append(new Append(Streams.USER, cy.getUserId(), version, "crash-erase:" + cy.getUserId(), "corr",
                "cause", List.of(dying.bean(DomainEventCodec.class)
                        .encode(new UserErased(UUID.fromString(cy.getUserId()))))));
        // ... the instance dies here. The erasure policy purges the sessions a moment later on some instance; put
        // them back after it has, as if it never ran: the refusal must not depend on the purge.
        Duration refusedAfter = awaitRefusedEverywhere(List.of(first, second), appendedAt);
        await().atMost(Duration.ofSeconds(15)).until(() -> storedSessionsOf(cy.getUserId()).isEmpty());
        for (var session : stored.entrySet()) {
            sessionsBucket.put(session.getKey(), session.getValue());
        }

        assertThat(storedSessionsOf(cy.getUserId())).hasSize(2);
        for (UserServiceInstance instance : instances) {
            assertThat(outcomeOn(instance, first)).isEqualTo(REFUSED);
            assertThat(outcomeOn(instance, second)).isEqualTo(REFUSED);
        }
        System.out.printf("erased user's sessions refused on both instances %d ms after the append%n",
                refusedAfter.toMillis());
    }
}
