package io.eventsaas.platform.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.users.GetUser;
import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.RequestFailureMessage;
import io.nats.service.Discovery;
import io.nats.service.PingResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The RPC runtime and client against a real NATS server: queue groups, discovery, errors, concurrency. */
class RpcIT {

    private String namespace;
    private NatsConnector serverSide;
    private NatsConnector clientSide;
    private RpcClient client;
    private RpcServer server;

    @BeforeEach
    void connect() throws Exception {
        namespace = TestInfrastructure.newNamespace();
        // Patient: a request that should be answered gets time to be, even on a machine under heavy load.
        serverSide = connector("users-test", Duration.ofSeconds(5));
        clientSide = connector("gateway-test", Duration.ofSeconds(10));
        client = new RpcClient(clientSide);
    }

    private NatsConnector connector(String name, Duration requestTimeout) throws Exception {
        NatsConnector connector = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", namespace, 1,
                requestTimeout, Duration.ofMinutes(2)), name);
        connector.awaitConnection(Duration.ofSeconds(10));
        return connector;
    }

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.stop();
        }
        serverSide.close();
        clientSide.close();
    }

    private static UserDetails user(String id) {
        return UserDetails.newBuilder().setUserId(id).setDisplayName("Ada").build();
    }

    private UserDetails get(String id) {
        return client.call(Endpoints.GET_USER, GetUser.newBuilder().setUserId(id).build(), UserDetails.parser(), "c-1");
    }

    private String getUserSubject() {
        return namespace + "." + Endpoints.GET_USER.subject();
    }

    /**
     * A request as a client without {@link RpcClient} sends it. With the connector's {@code advancedRequestBehavior}
     * a request nobody answered in time is not null but a {@link RequestFailureMessage} without headers: say so,
     * instead of a NullPointerException on its headers.
     */
    private Message rawRequest(byte[] body) throws InterruptedException {
        Message reply = clientSide.connection().request(getUserSubject(), body, Duration.ofSeconds(10));
        if (reply instanceof RequestFailureMessage failure) {
            throw new AssertionError("no reply to " + getUserSubject() + ": " + failure.getReason(),
                    failure.getCause());
        }
        assertThat(reply.getHeaders()).as("the headers of the reply").isNotNull();
        return reply;
    }

    @Test
    @DisplayName("a typed request gets its typed reply, with the correlation id passed along")
    void requestReply() {
        String[] correlation = new String[1];
        server = new RpcServer(serverSide, "users", "0.1.0", "test").endpoint(Endpoints.GET_USER, GetUser.parser(),
                (request, context) -> {
                    correlation[0] = context.correlationId();
                    return user(request.getUserId());
                });
        server.start();

        assertThat(get("u-1").getUserId()).isEqualTo("u-1");
        assertThat(correlation[0]).isEqualTo("c-1");
    }

    @Test
    @DisplayName("handler errors come back as Nats-Service-Error headers and map to statuses with field errors")
    void errorsAreMapped() {
        server = new RpcServer(serverSide, "users", "0.1.0", "test").endpoint(Endpoints.GET_USER, GetUser.parser(),
                (request, context) -> {
                    throw switch (request.getUserId()) {
                        case "invalid" -> RpcException.invalid(Map.of("userId", "must be a UUID"));
                        case "missing" -> RpcException.notFound("no such user");
                        case "taken" -> RpcException.conflict("already there");
                        default -> new IllegalStateException("boom with a secret inside");
                    };
                });
        server.start();

        assertThatThrownBy(() -> get("invalid")).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.status()).isEqualTo(RpcStatus.BAD_REQUEST);
            assertThat(e.fieldErrors()).containsEntry("userId", "must be a UUID");
        });
        assertThatThrownBy(() -> get("missing")).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.status()).isEqualTo(RpcStatus.NOT_FOUND));
        assertThatThrownBy(() -> get("taken")).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.status()).isEqualTo(RpcStatus.CONFLICT));
        assertThatThrownBy(() -> get("other")).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.status()).isEqualTo(RpcStatus.INTERNAL);
            assertThat(e.getMessage()).doesNotContain("secret");
        });
    }

    @Test
    @DisplayName("the raw reply carries the service framework's error headers")
    void rawErrorHeaders() throws Exception {
        server = new RpcServer(serverSide, "users", "0.1.0", "test").endpoint(Endpoints.GET_USER, GetUser.parser(),
                (request, context) -> { throw RpcException.notFound("no such user"); });
        server.start();

        Message reply = rawRequest(GetUser.newBuilder().setUserId("x").build().toByteArray());

        assertThat(reply.getHeaders().getFirst(RpcHeaders.SERVICE_ERROR_CODE)).isEqualTo("404");
        assertThat(reply.getHeaders().getFirst(RpcHeaders.SERVICE_ERROR)).isEqualTo("no such user");
        assertThat(reply.getHeaders().getFirst(RpcHeaders.STATUS)).isEqualTo("404");
    }

    @Test
    @DisplayName("garbage bytes get an error reply, and the service goes on serving")
    void garbageIsRefused() throws Exception {
        server = new RpcServer(serverSide, "users", "0.1.0", "test").endpoint(Endpoints.GET_USER, GetUser.parser(),
                (request, context) -> user(request.getUserId()));
        server.start();

        Message reply = rawRequest(new byte[] {(byte) 0xff, 0x13, 0x37, 0x00, (byte) 0x80});

        assertThat(reply.getHeaders().getFirst(RpcHeaders.SERVICE_ERROR_CODE)).isEqualTo("400");
        assertThat(reply.getHeaders().getFirst(RpcHeaders.SERVICE_ERROR)).contains("GetUser");
        assertThat(get("u-2").getUserId()).isEqualTo("u-2");
    }

    @Test
    @DisplayName("an answer carries Rpc-Status 200 as well: every reply of the server says what it is")
    void answersCarryTheirStatus() throws Exception {
        server = new RpcServer(serverSide, "users", "0.1.0", "test").endpoint(Endpoints.GET_USER, GetUser.parser(),
                (request, context) -> user(request.getUserId()));
        server.start();

        Message reply = rawRequest(GetUser.newBuilder().setUserId("u-3").build().toByteArray());

        assertThat(reply.getHeaders().getFirst(RpcHeaders.STATUS)).isEqualTo(RpcHeaders.OK);
        assertThat(reply.getHeaders().getFirst(RpcHeaders.SERVICE_ERROR_CODE)).isNull();
        assertThat(UserDetails.parseFrom(reply.getData()).getUserId()).isEqualTo("u-3");
    }

    @Test
    @DisplayName("a bare reply without headers (no RpcServer's) is refused with a clear error, not read as defaults")
    void bareRepliesAreRefused() throws Exception {
        // A responder on the endpoint's subject that is no RpcServer: a body, or nothing, and no headers.
        Dispatcher bare = serverSide.connection().createDispatcher(message -> serverSide.connection().publish(
                message.getReplyTo(), bareReplyTo(message)));
        bare.subscribe(getUserSubject());
        serverSide.connection().flush(Duration.ofSeconds(5));

        for (String id : List.of("u-bare", "empty")) {
            assertThatThrownBy(() -> get(id)).isInstanceOfSatisfying(RpcException.class, e -> {
                assertThat(e.status()).isEqualTo(RpcStatus.INTERNAL);
                assertThat(e.getMessage()).contains(Endpoints.GET_USER.subject()).contains("cannot be read");
            });
        }
    }

    private static byte[] bareReplyTo(Message request) {
        try {
            String id = GetUser.parseFrom(request.getData()).getUserId();
            return id.equals("empty") ? new byte[0] : user(id).toByteArray();
        } catch (InvalidProtocolBufferException e) {
            return new byte[0];
        }
    }

    @Test
    @DisplayName("a NATS status message as the reply becomes an RpcException with the matching status")
    void statusMessagesAreRefused() throws Exception {
        try (RawNatsResponder responder = new RawNatsResponder(TestInfrastructure.natsUrl(), getUserSubject(),
                "NATS/1.0 408 Request Timeout\r\n\r\n")) {
            assertThatThrownBy(() -> get("u")).isInstanceOfSatisfying(RpcException.class, e -> {
                assertThat(e.status()).isEqualTo(RpcStatus.TIMEOUT);
                assertThat(e.getMessage()).contains("NATS status 408"); // the status message, not a real timeout
            });
            responder.awaitAnswered();
        }
    }

    @Test
    @DisplayName("no instance running -> UNAVAILABLE (503); an instance too slow -> TIMEOUT (504)")
    void noRespondersAndTimeouts() throws Exception {
        assertThatThrownBy(() -> get("u")).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.status()).isEqualTo(RpcStatus.UNAVAILABLE));

        server = new RpcServer(serverSide, "users", "0.1.0", "test").endpoint(Endpoints.GET_USER, GetUser.parser(),
                (request, context) -> {
                    sleep(1500);
                    return user("late");
                });
        server.start();
        NatsConnector impatient = connector("gateway-impatient", Duration.ofMillis(500));
        try {
            assertThatThrownBy(() -> new RpcClient(impatient).call(Endpoints.GET_USER,
                    GetUser.newBuilder().setUserId("u").build(), UserDetails.parser(), "c-1"))
                    .isInstanceOfSatisfying(RpcException.class,
                            e -> assertThat(e.status()).isEqualTo(RpcStatus.TIMEOUT));
        } finally {
            impatient.close();
        }
    }

    @Test
    @DisplayName("nothing is subscribed before start(): a warming instance takes no requests")
    void registersOnlyOnStart() throws Exception {
        server = new RpcServer(serverSide, "users", "0.1.0", "test").endpoint(Endpoints.GET_USER, GetUser.parser(),
                (request, context) -> user(request.getUserId()));

        assertThatThrownBy(() -> get("u")).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.status()).isEqualTo(RpcStatus.UNAVAILABLE));
        server.start();
        assertThat(get("u").getUserId()).isEqualTo("u");
    }

    @Test
    @DisplayName("requests are served concurrently: 20 requests that each take 300 ms finish in far less than 6 s")
    void concurrentRequests() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        server = new RpcServer(serverSide, "users", "0.1.0", "test").endpoint(Endpoints.GET_USER, GetUser.parser(),
                (request, context) -> {
                    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    sleep(300);
                    inFlight.decrementAndGet();
                    return user(request.getUserId());
                });
        server.start();
        RpcClient patient = new RpcClient(serverSide);

        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<UserDetails>> replies = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = "u" + i;
            replies.add(callers.submit(() -> {
                start.await();
                return patient.call(Endpoints.GET_USER, GetUser.newBuilder().setUserId(id).build(),
                        UserDetails.parser(), null);
            }));
        }
        start.countDown();
        for (Future<UserDetails> reply : replies) {
            reply.get(5, TimeUnit.SECONDS);
        }
        callers.shutdown();

        assertThat(maxInFlight.get()).isGreaterThanOrEqualTo(10);
    }

    @Test
    @DisplayName("two instances share the queue group, and $SRV.PING discovers both")
    void queueGroupAndDiscovery() throws Exception {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        server = new RpcServer(serverSide, "users", "0.1.0", "test").endpoint(Endpoints.GET_USER, GetUser.parser(),
                (request, context) -> {
                    first.incrementAndGet();
                    return user("1");
                });
        RpcServer other = new RpcServer(clientSide, "users", "0.1.0", "test").endpoint(Endpoints.GET_USER,
                GetUser.parser(), (request, context) -> {
                    second.incrementAndGet();
                    return user("2");
                });
        server.start();
        other.start();
        try {
            for (int i = 0; i < 40; i++) {
                get("u");
            }
            List<PingResponse> pings = new Discovery(clientSide.connection(), 1000, 10).ping("users");

            assertThat(first.get() + second.get()).isEqualTo(40);
            assertThat(first.get()).isPositive();
            assertThat(second.get()).isPositive();
            assertThat(pings).extracting(PingResponse::getId).contains(server.instanceId(), other.instanceId());
        } finally {
            other.stop();
        }
    }

    @Test
    @DisplayName("the caller travels in a header; a request without one has none")
    void callerTravels() {
        List<Optional<Caller>> seen = new CopyOnWriteArrayList<>();
        server = new RpcServer(serverSide, "users", "0.1.0", "test").endpoint(Endpoints.GET_USER, GetUser.parser(),
                (request, context) -> {
                    seen.add(context.caller(Caller.parser()));
                    return user(request.getUserId());
                });
        server.start();
        Caller ada = Caller.newBuilder().setUserId("u-1").setSessionId("s-1").setPlatformAdmin(true).build();

        client.call(Endpoints.GET_USER, GetUser.newBuilder().setUserId("u-1").build(), UserDetails.parser(), "c-1",
                ada);
        get("u-2");

        assertThat(seen).containsExactly(Optional.of(ada), Optional.empty());
    }

    @Test
    @DisplayName("when the event store is unavailable (no stream answers), the caller gets 503 and may retry")
    void eventStoreUnavailableIs503() {
        EventStore storeWithoutStream = new EventStore(serverSide, Clock.systemUTC()); // ensureStream never ran
        server = new RpcServer(serverSide, "users", "0.1.0", "test").endpoint(Endpoints.GET_USER, GetUser.parser(),
                (request, context) -> {
                    storeWithoutStream.append(new Append("user", request.getUserId(), 0, "m-1", "c-1", "c-1",
                            List.of(new NewEvent("UserRegistered", 1, new byte[] {1}))));
                    return user(request.getUserId());
                });
        server.start();

        assertThatThrownBy(() -> get("u-1"))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.status()).isEqualTo(RpcStatus.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("temporarily unavailable");
                });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
