package io.eventsaas.gateway;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.Endpoints.Endpoint;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.contracts.users.AcceptInvitation;
import io.eventsaas.contracts.users.AuthenticateApiKey;
import io.eventsaas.contracts.users.AuthenticateSession;
import io.eventsaas.contracts.users.Authentication;
import io.eventsaas.contracts.users.ChangeMemberRole;
import io.eventsaas.contracts.users.ChangePassword;
import io.eventsaas.contracts.users.CreateApiKey;
import io.eventsaas.contracts.users.CreateOrganization;
import io.eventsaas.contracts.users.EndSession;
import io.eventsaas.contracts.users.EraseUser;
import io.eventsaas.contracts.users.GetInvitation;
import io.eventsaas.contracts.users.GetOrganization;
import io.eventsaas.contracts.users.GetUser;
import io.eventsaas.contracts.users.InviteMember;
import io.eventsaas.contracts.users.ListApiKeys;
import io.eventsaas.contracts.users.ListInvitations;
import io.eventsaas.contracts.users.ListMembers;
import io.eventsaas.contracts.users.RegisterUser;
import io.eventsaas.contracts.users.RemoveMember;
import io.eventsaas.contracts.users.RenameUser;
import io.eventsaas.contracts.users.RevokeApiKey;
import io.eventsaas.contracts.users.RevokeInvitation;
import io.eventsaas.contracts.users.StartSession;
import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.contracts.users.UserRegistration;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.rpc.RpcContext;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcHandler;
import io.eventsaas.platform.rpc.RpcServer;
import io.eventsaas.platform.testing.TestInfrastructure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for user-service: a real responder on NATS (the platform {@link RpcServer}, in the test's namespace) on
 * every endpoint of the users service, that records every request it receives — with the correlation id and the
 * {@link Caller} the gateway sent — and answers what the test tells it to. Not a mock of NATS: the gateway's requests
 * really travel through the server.
 *
 * <p>Sessions: {@link #session} makes a token known to {@code authenticate-session}; any other token gets 401, as
 * from user-service. Authentication requests are kept apart ({@link #authentications()}) from the requests a test
 * asserts on ({@link #received()}).
 */
final class UsersStub implements AutoCloseable {

    /** One request as the stub received it; the caller is null when the request named none. */
    record Received(Endpoint endpoint, Message request, String correlationId, Caller caller) {
    }

    /** Every endpoint of the users service and the parser of its request. */
    private static final Map<Endpoint, Parser<? extends Message>> ENDPOINTS = new LinkedHashMap<>();

    static {
        ENDPOINTS.put(Endpoints.REGISTER_USER, RegisterUser.parser());
        ENDPOINTS.put(Endpoints.GET_USER, GetUser.parser());
        ENDPOINTS.put(Endpoints.RENAME_USER, RenameUser.parser());
        ENDPOINTS.put(Endpoints.CHANGE_PASSWORD, ChangePassword.parser());
        ENDPOINTS.put(Endpoints.ERASE_USER, EraseUser.parser());
        ENDPOINTS.put(Endpoints.START_SESSION, StartSession.parser());
        ENDPOINTS.put(Endpoints.END_SESSION, EndSession.parser());
        ENDPOINTS.put(Endpoints.AUTHENTICATE_SESSION, AuthenticateSession.parser());
        ENDPOINTS.put(Endpoints.AUTHENTICATE_API_KEY, AuthenticateApiKey.parser());
        ENDPOINTS.put(Endpoints.CREATE_ORGANIZATION, CreateOrganization.parser());
        ENDPOINTS.put(Endpoints.GET_ORGANIZATION, GetOrganization.parser());
        ENDPOINTS.put(Endpoints.LIST_MEMBERS, ListMembers.parser());
        ENDPOINTS.put(Endpoints.CHANGE_MEMBER_ROLE, ChangeMemberRole.parser());
        ENDPOINTS.put(Endpoints.REMOVE_MEMBER, RemoveMember.parser());
        ENDPOINTS.put(Endpoints.INVITE_MEMBER, InviteMember.parser());
        ENDPOINTS.put(Endpoints.LIST_INVITATIONS, ListInvitations.parser());
        ENDPOINTS.put(Endpoints.REVOKE_INVITATION, RevokeInvitation.parser());
        ENDPOINTS.put(Endpoints.GET_INVITATION, GetInvitation.parser());
        ENDPOINTS.put(Endpoints.ACCEPT_INVITATION, AcceptInvitation.parser());
        ENDPOINTS.put(Endpoints.CREATE_API_KEY, CreateApiKey.parser());
        ENDPOINTS.put(Endpoints.LIST_API_KEYS, ListApiKeys.parser());
        ENDPOINTS.put(Endpoints.REVOKE_API_KEY, RevokeApiKey.parser());
    }

    private final NatsConnector connector;
    private final RpcServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> authentications = new CopyOnWriteArrayList<>();
    private final Map<Endpoint, RpcHandler<Message, Message>> handlers = new ConcurrentHashMap<>();
    private final Map<String, Authentication> sessions = new ConcurrentHashMap<>();
    private final Map<String, Authentication> apiKeys = new ConcurrentHashMap<>();

    private UsersStub(String namespace) throws Exception {
        connector = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", namespace, 1,
                Duration.ofSeconds(5), Duration.ofMinutes(1)), "users-stub");
        connector.awaitConnection(Duration.ofSeconds(10));
        server = new RpcServer(connector, Endpoints.USERS, "0.0.0-test", "stand-in for user-service");
        ENDPOINTS.forEach(this::serve);
        onRegister((request, context) -> UserRegistration.newBuilder().setUserId("u-1").setOrganizationId("o-1")
                .build());
        onGetUser((request, context) -> {
            throw RpcException.notFound("no user " + request.getUserId());
        });
        on(Endpoints.AUTHENTICATE_SESSION, (AuthenticateSession request, RpcContext context) -> {
            Authentication known = sessions.get(request.getSessionToken());
            if (known == null) {
                throw RpcException.unauthorized("no such session");
            }
            return known;
        });
        on(Endpoints.AUTHENTICATE_API_KEY, (AuthenticateApiKey request, RpcContext context) -> {
            Authentication known = apiKeys.get(request.getApiKey());
            if (known == null) {
                throw RpcException.unauthorized("no such API key");
            }
            return known;
        });
    }

    @SuppressWarnings("unchecked")
    private <Q extends Message> void serve(Endpoint endpoint, Parser<? extends Message> parser) {
        server.endpoint(endpoint, (Parser<Q>) parser, (request, context) -> {
            Caller caller = context.caller(Caller.parser()).orElse(null);
            Received one = new Received(endpoint, request, context.correlationId(), caller);
            boolean authentication = endpoint.equals(Endpoints.AUTHENTICATE_SESSION)
                    || endpoint.equals(Endpoints.AUTHENTICATE_API_KEY);
            (authentication ? authentications : received).add(one);
            RpcHandler<Message, Message> handler = handlers.get(endpoint);
            if (handler == null) {
                throw RpcException.notFound("the stand-in has no answer for " + endpoint.subject());
            }
            return handler.handle(request, context);
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

    /** How to answer one endpoint from now on. */
    @SuppressWarnings("unchecked")
    <Q extends Message, R extends Message> UsersStub on(Endpoint endpoint, RpcHandler<Q, R> handler) {
        handlers.put(endpoint, (request, context) -> handler.handle((Q) request, context));
        return this;
    }

    UsersStub onRegister(RpcHandler<RegisterUser, UserRegistration> handler) {
        return on(Endpoints.REGISTER_USER, handler);
    }

    UsersStub onGetUser(RpcHandler<GetUser, UserDetails> handler) {
        return on(Endpoints.GET_USER, handler);
    }

    /** Makes a session token known: authenticate-session answers with this caller, name and e-mail. */
    UsersStub session(String token, Caller caller, String displayName, String email) {
        sessions.put(token, Authentication.newBuilder().setCaller(caller).setDisplayName(displayName)
                .setEmail(email).build());
        return this;
    }

    /** A signed-in user's session: {@code user_id} and a session id derived from the token. */
    UsersStub userSession(String token, String userId, String displayName, String email) {
        return session(token, Caller.newBuilder().setUserId(userId).setSessionId("s-" + token).build(), displayName,
                email);
    }

    /** Makes an API key known: authenticate-api-key answers with this caller. */
    UsersStub apiKey(String key, Caller caller, String name) {
        apiKeys.put(key, Authentication.newBuilder().setCaller(caller).setDisplayName(name).build());
        return this;
    }

    /** Every request but authentication ones, in the order received. */
    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> received(Endpoint endpoint) {
        return received.stream().filter(one -> one.endpoint().equals(endpoint)).toList();
    }

    List<Received> authentications() {
        return List.copyOf(authentications);
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
