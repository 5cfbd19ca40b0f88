package io.eventsaas.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.Streams;
import io.eventsaas.contracts.users.EmailClaim;
import io.eventsaas.contracts.users.OrganizationSummary;
import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.contracts.users.UserRegistration;
import io.eventsaas.platform.nats.Namespace;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcHeaders;
import io.eventsaas.platform.rpc.RpcStatus;
import io.eventsaas.platform.testing.RunningInstances;
import io.nats.client.Message;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** register-user and get-user against one instance, called as a real client calls them. */
@DisplayName("register-user and get-user")
class RegisterUserIT {

    @RegisterExtension
    static final RunningInstances<UserServiceInstance> service = RunningInstances.of("users_register", 1,
            (namespace, database) -> UserServiceInstance.start(namespace, database,
                    "users.registration.email-claim-stale-after=5s"));
    private static UsersClient client;

    @BeforeAll
    static void connect() throws Exception {
        client = service.closeAfterAll(new UsersClient(service.namespace()));
    }

    private static String uniqueEmail(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    @Test
    @DisplayName("given a registration, when the caller reads the user right after the reply, then it sees the user "
            + "and their personal organisation, which they own")
    void registrationIsVisibleToTheNextRead() {
        String email = uniqueEmail("Ann.Lee");

        UserRegistration registration = client.register(UUID.randomUUID().toString(), "  " + email.toUpperCase() + " ",
                UsersClient.PASSWORD, " Ann Lee ");
        UserDetails details = client.getUser(registration.getUserId());

        assertThat(details.getUserId()).isEqualTo(registration.getUserId());
        assertThat(details.getEmail()).isEqualTo(email.toLowerCase());
        assertThat(details.getDisplayName()).isEqualTo("Ann Lee");
        assertThat(details.getRegisteredAt().getSeconds()).isCloseTo(Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(60L));
        assertThat(details.getOrganizationsList()).containsExactly(OrganizationSummary.newBuilder()
                .setOrganizationId(registration.getOrganizationId())
                .setName("Personal")
                .setRole("owner")
                .setPersonal(true)
                .build());
    }

    @Test
    @DisplayName("given one command sent twice at once and once more after it completed, then one UserRegistered is "
            + "appended and every reply names the same user and organisation")
    void retriedRegistrationAppendsOnce() throws Exception {
        String commandId = UUID.randomUUID().toString();
        String email = uniqueEmail("retry");
        long usersBefore = client.countEvents(Streams.USER);

        List<UserRegistration> concurrent;
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            var first = CompletableFuture.supplyAsync(
                    () -> client.register(commandId, email, UsersClient.PASSWORD, "Retry"), callers);
            var second = CompletableFuture.supplyAsync(
                    () -> client.register(commandId, email, UsersClient.PASSWORD, "Retry"), callers);
            concurrent = List.of(first.join(), second.join());
        }
        UserRegistration later = client.register(commandId, email, UsersClient.PASSWORD, "Retry");

        assertThat(concurrent).containsOnly(later);
        assertThat(client.countEvents(Streams.USER)).isEqualTo(usersBefore + 1);
        assertThat(client.countEvents(Streams.USER, later.getUserId())).isEqualTo(1);
        assertThat(client.countEvents(Streams.ORGANIZATION, later.getOrganizationId())).isEqualTo(1);
    }

    @Test
    @DisplayName("given a registered address, when another command registers it in another spelling, then 409 and "
            + "nothing is appended")
    void secondRegistrationOfAnAddressConflicts() throws Exception {
        String email = uniqueEmail("taken");
        client.register(email, "First");
        long usersBefore = client.countEvents(Streams.USER);

        RpcException refused = catchThrowableOfType(RpcException.class,
                () -> client.register(" " + email.toUpperCase(), "Second"));

        assertThat(refused.status()).isEqualTo(RpcStatus.CONFLICT);
        assertThat(refused.getMessage()).isEqualTo("email already registered");
        assertThat(client.countEvents(Streams.USER)).isEqualTo(usersBefore);
    }

    static Stream<Arguments> invalidRegistrations() {
        String cmd = "cmd-" + UUID.randomUUID();
        return Stream.of(
                Arguments.of("an invalid e-mail address", cmd + "a", "ann(at)example.org", UsersClient.PASSWORD, "Ann", "email"),
                Arguments.of("a weak password", cmd + "b", uniqueEmail("weak"), "aaaaaaaaaaaa", "Ann", "password"),
                Arguments.of("a short password", cmd + "c", uniqueEmail("short"), "abc123", "Ann", "password"),
                Arguments.of("a missing name", cmd + "d", uniqueEmail("noname"), UsersClient.PASSWORD, "   ", "name"),
                Arguments.of("a missing command id", "", uniqueEmail("nocmd"), UsersClient.PASSWORD, "Ann", "commandId"));
    }

    @ParameterizedTest(name = "given {0}, then 400 names the field ''{5}'', and nothing is appended or claimed")
    @MethodSource("invalidRegistrations")
    void invalidInputChangesNothing(String what, String commandId, String email, String password, String name,
            String field) throws Exception {
        long usersBefore = client.countEvents(Streams.USER);

        RpcException refused = catchThrowableOfType(RpcException.class,
                () -> client.register(commandId, email, password, name));

        assertThat(refused.status()).isEqualTo(RpcStatus.BAD_REQUEST);
        assertThat(refused.fieldErrors()).containsOnlyKeys(field);
        assertThat(refused.fieldErrors().get(field)).isNotBlank().doesNotContain(password);
        assertThat(client.countEvents(Streams.USER)).isEqualTo(usersBefore);
        assertThat(client.isClaimed(email)).isFalse();
    }

    @Test
    @DisplayName("given garbage bytes instead of a RegisterUser, then an error reply, and the next valid request is served")
    void garbageIsAnsweredAndServiceKeepsServing() throws Exception {
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF, 0x00, 0x13, (byte) 0x80, 0x7F, 0x01};

        Message reply = client.requestRaw(Endpoints.REGISTER_USER, garbage);

        assertThat(reply.getHeaders()).isNotNull();
        assertThat(reply.getHeaders().getFirst(RpcHeaders.SERVICE_ERROR_CODE)).isEqualTo("400");
        assertThat(client.register(uniqueEmail("after.garbage"), "Still Served").getUserId()).isNotBlank();
    }

    @Test
    @DisplayName("given an unknown or malformed user id, then get-user answers 404, even to a platform admin")
    void unknownUserIsNotFound() {
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "", "1-2-3-4-5")) {
            assertThatThrownBy(() -> client.getUserAsAdmin(id))
                    .isInstanceOfSatisfying(RpcException.class,
                            e -> assertThat(e.status()).as("get-user '%s'", id).isEqualTo(RpcStatus.NOT_FOUND));
        }
    }

    @Test
    @DisplayName("given an address claimed by a command that never registered its user, then a fresh claim blocks "
            + "it (409) and a stale one is taken over, keeping the claimed user id")
    void staleClaimIsTakenOver() throws Exception {
        String fresh = uniqueEmail("fresh.claim");
        String stale = uniqueEmail("stale.claim");
        String freshUser = UUID.randomUUID().toString();
        String staleUser = UUID.randomUUID().toString();
        claim(fresh, freshUser, Instant.now());
        claim(stale, staleUser, Instant.now().minusSeconds(60)); // this instance counts 5 s as stale

        RpcException refused = catchThrowableOfType(RpcException.class, () -> client.register(fresh, "Fresh"));
        UserRegistration registration = client.register(stale, "Stale");

        assertThat(refused.status()).isEqualTo(RpcStatus.CONFLICT);
        assertThat(registration.getUserId()).isEqualTo(staleUser);
        assertThat(client.getUser(staleUser).getEmail()).isEqualTo(stale.toLowerCase());
        assertThat(client.countEvents(Streams.USER, freshUser)).isZero();
    }

    /** What a registration that crashed right after claiming leaves behind. */
    private static void claim(String email, String userId, Instant claimedAt) throws Exception {
        client.connection().keyValue(new Namespace(service.namespace()).name(Buckets.EMAIL_CLAIMS)).create(
                UsersClient.claimKey(email), EmailClaim.newBuilder()
                        .setUserId(userId)
                        .setCommandId("crashed-" + UUID.randomUUID())
                        .setClaimedAt(Timestamp.newBuilder().setSeconds(claimedAt.getEpochSecond()))
                        .build().toByteArray());
    }
}
