package io.eventsaas.gateway;

import com.google.protobuf.Message;
import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.users.GetUser;
import io.eventsaas.contracts.users.RegisterUser;
import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.contracts.users.UserRegistration;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcHandler;
import io.eventsaas.platform.rpc.RpcServer;
import io.eventsaas.platform.testing.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for user-service: a real responder on NATS (the platform {@link RpcServer}, in the test's namespace)
 * that records every request it receives and answers what the test tells it to. Not a mock of NATS: the gateway's
 * requests really travel through the server.
 */
final class UsersStub implements AutoCloseable {

    /** One request as the stub received it. */
    record Received(Message request, String correlationId) {
    }

    private final NatsConnector connector;
    private final RpcServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile RpcHandler<RegisterUser, UserRegistration> onRegister =
            (request, context) -> UserRegistration.newBuilder().setUserId("u-1").setOrganizationId("o-1").build();
    private volatile RpcHandler<GetUser, UserDetails> onGetUser = (request, context) -> {
        throw RpcException.notFound("no user " + request.getUserId());
    };

    private UsersStub(String namespace) throws Exception {
        connector = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", namespace, 1,
                Duration.ofSeconds(5), Duration.ofMinutes(1)), "users-stub");
        connector.awaitConnection(Duration.ofSeconds(10));
        server = new RpcServer(connector, Endpoints.USERS, "0.0.0-test", "stand-in for user-service")
                .endpoint(Endpoints.REGISTER_USER, RegisterUser.parser(), (request, context) -> {
                    received.add(new Received(request, context.correlationId()));
                    return onRegister.handle(request, context);
                })
                .endpoint(Endpoints.GET_USER, GetUser.parser(), (request, context) -> {
                    received.add(new Received(request, context.correlationId()));
                    return onGetUser.handle(request, context);
                });
    }

    /** Starts answering in the namespace, like user-service after its warm-up. */
    static UsersStub start(String namespace) throws Exception {
        UsersStub stub = new UsersStub(namespace);
        stub.server.start();
        // Subscriptions travel asynchronously: a round trip to the server makes sure it has them before the
        // test's first request, which would otherwise find no responders.
        stub.connector.connection().flush(Duration.ofSeconds(5));
        return stub;
    }

    UsersStub onRegister(RpcHandler<RegisterUser, UserRegistration> handler) {
        this.onRegister = handler;
        return this;
    }

    UsersStub onGetUser(RpcHandler<GetUser, UserDetails> handler) {
        this.onGetUser = handler;
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<RegisterUser> registrations() {
        return received.stream().map(Received::request).filter(RegisterUser.class::isInstance)
                .map(RegisterUser.class::cast).toList();
    }

    /** Leaves the queue group: from now on nobody answers (no responders). */
    void stop() {
        server.stop();
    }

    @Override
    public void close() throws Exception {
        server.stop();
        connector.close();
    }
}
