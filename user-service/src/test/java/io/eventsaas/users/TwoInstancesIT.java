package io.eventsaas.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.Streams;
import io.eventsaas.contracts.users.UserRegistration;
import io.eventsaas.platform.policy.PolicyRunner;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcStatus;
import io.eventsaas.platform.testing.RunningInstances;
import io.eventsaas.users.store.UserView;
import io.eventsaas.users.profile.GetUserHandler;
import io.eventsaas.users.sessions.AuthenticateSessionHandler;
import io.eventsaas.users.sessions.Sessions;
import io.eventsaas.users.sessions.StartSessionHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances in one namespace, each with its own database, as in production (law 5): uniqueness must hold
 * across them, and work that produces events must be done once between them (law 4).
 */
@DisplayName("two user-service instances")
class TwoInstancesIT {

    @RegisterExtension
    static final RunningInstances<UserServiceInstance> service = RunningInstances.of("users_two", 2,
            UserServiceInstance::start);
    private static List<UserServiceInstance> instances;
    private static UsersClient client;

    @BeforeAll
    static void connect() throws Exception {
        instances = service.instances();
        client = service.closeAfterAll(new UsersClient(service.namespace()));
    }

    @Test
    @DisplayName("given many concurrent registrations of one address spread over both instances, then exactly one "
            + "succeeds, all others get 409, and one UserRegistered is appended")
    void oneAddressOneUser() throws Exception {
        String email = "contested." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        long usersBefore = client.countEvents(Streams.USER);
        long[] servedBefore = instances.stream().mapToLong(TwoInstancesIT::registrationsServed).toArray();
        int attempts = 16;

        List<Future<Object>> outcomes = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < attempts; i++) {
                outcomes.add(callers.submit(() -> {
                    try {
                        return client.register(email, "Contender");
                    } catch (RpcException e) {
                        return e.status();
                    }
                }));
            }
        }
        List<Object> results = new ArrayList<>();
        for (Future<Object> outcome : outcomes) {
            results.add(outcome.get());
        }

        Map<Object, Long> byKind = results.stream().collect(Collectors.groupingBy(
                r -> r instanceof UserRegistration ? "registered" : r, Collectors.counting()));
        assertThat(byKind).containsOnly(Map.entry("registered", 1L), Map.entry(RpcStatus.CONFLICT, attempts - 1L));
        assertThat(client.countEvents(Streams.USER)).isEqualTo(usersBefore + 1);
        for (int i = 0; i < instances.size(); i++) {
            assertThat(registrationsServed(instances.get(i))).as("requests served by instance %d", i)
                    .isGreaterThan(servedBefore[i]);
        }
    }

    @Test
    @DisplayName("given users registered through either instance, then each personal organisation is created once "
            + "(by one instance's policy), and right after the reply both instances show the user with it")
    void personalOrganizationCreatedOnceAndVisibleEverywhere() throws Exception {
        List<UserRegistration> registrations = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UserRegistration registration = client.register("member" + i + "."
                    + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "Member " + i);
            registrations.add(registration);
            // Read your writes, whichever instance the next request reaches: no waiting here.
            for (UserServiceInstance instance : instances) {
                UserView user = instance.bean(GetUserHandler.class).user(UUID.fromString(registration.getUserId()))
                        .orElseThrow();
                assertThat(user.organizations()).singleElement().satisfies(organization -> {
                    assertThat(organization.organizationId().toString()).isEqualTo(registration.getOrganizationId());
                    assertThat(organization.role()).isEqualTo("owner");
                    assertThat(organization.personal()).isTrue();
                });
            }
        }

        for (UserRegistration registration : registrations) {
            assertThat(client.countEvents(Streams.ORGANIZATION, registration.getOrganizationId())).isEqualTo(1);
        }
        // Queue, not fan-out: between them the instances handled each UserRegistered once.
        long handled = instances.stream().mapToLong(i -> i.bean("personalOrganizationsPolicy", PolicyRunner.class).handled()).sum();
        assertThat(handled).isEqualTo(client.countEvents(Streams.USER));
        assertThat(client.countEvents(Streams.ORGANIZATION)).isEqualTo(client.countEvents(Streams.USER));
    }

    @Test
    @DisplayName("given failed sign-ins for one address alternating between the instances, then the fifth locks it "
            + "on both: even the right password gets 429 saying when to retry, on either instance")
    void signInLockHoldsAcrossInstances() {
        String email = "locked." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        client.register(email, "Locked Out");
        List<RpcStatus> failures = new ArrayList<>();

        for (int i = 0; i < 5; i++) {
            StartSessionHandler handler = instances.get(i % 2).bean(StartSessionHandler.class);
            String spelling = i % 2 == 0 ? email : " " + email.toUpperCase();
            failures.add(catchThrowableOfType(RpcException.class,
                    () -> handler.signIn(spelling, "not the password", "test")).status());
        }

        assertThat(failures).containsExactly(RpcStatus.UNAUTHORIZED, RpcStatus.UNAUTHORIZED, RpcStatus.UNAUTHORIZED,
                RpcStatus.UNAUTHORIZED, RpcStatus.TOO_MANY_REQUESTS);
        for (UserServiceInstance instance : instances) {
            RpcException locked = catchThrowableOfType(RpcException.class, () -> instance
                    .bean(StartSessionHandler.class).signIn(email, UsersClient.PASSWORD, "test"));
            assertThat(locked.status()).isEqualTo(RpcStatus.TOO_MANY_REQUESTS);
            assertThat(locked.getMessage()).contains("try again after").contains("in 15 minutes");
        }
        RpcException overNats = catchThrowableOfType(RpcException.class,
                () -> client.signIn(email, UsersClient.PASSWORD));
        assertThat(overNats.status()).isEqualTo(RpcStatus.TOO_MANY_REQUESTS);
    }

    @Test
    @DisplayName("given a session started through one instance, then the other authenticates it and ends it")
    void sessionsAreSharedByTheInstances() {
        String email = "shared." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        client.register(email, "Shared");
        String token = instances.get(0).bean(StartSessionHandler.class).signIn(email, UsersClient.PASSWORD, "test")
                .token();

        assertThat(instances.get(1).bean(AuthenticateSessionHandler.class).authenticate(token).displayName())
                .isEqualTo("Shared");
        instances.get(1).bean(Sessions.class).end(token);
        assertThat(catchThrowableOfType(RpcException.class,
                () -> instances.get(0).bean(AuthenticateSessionHandler.class).authenticate(token)).status())
                .isEqualTo(RpcStatus.UNAUTHORIZED);
    }

    private static long registrationsServed(UserServiceInstance instance) {
        return instance.bean(MeterRegistry.class).find("eventsaas.rpc.server.requests")
                .tag("endpoint", Endpoints.REGISTER_USER.subject())
                .timers().stream().mapToLong(Timer::count).sum();
    }
}
