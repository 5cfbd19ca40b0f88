package io.eventsaas.users;

import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.Streams;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.contracts.users.Authentication;
import io.eventsaas.contracts.users.AuthenticateSession;
import io.eventsaas.contracts.users.ChangePassword;
import io.eventsaas.contracts.users.EndSession;
import io.eventsaas.contracts.users.EraseUser;
import io.eventsaas.contracts.users.Erasure;
import io.eventsaas.contracts.users.GetUser;
import io.eventsaas.contracts.users.RenameUser;
import io.eventsaas.contracts.users.SessionEnded;
import io.eventsaas.contracts.users.SessionGrant;
import io.eventsaas.contracts.users.StartSession;
import io.eventsaas.contracts.users.RegisterUser;
import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.contracts.users.UserRegistration;
import io.eventsaas.platform.nats.Namespace;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.rpc.RpcClient;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.Subject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * What a real client of the users service has: a NATS connection in the test's namespace and the platform's
 * {@link RpcClient}, plus a look into the stream and the claims bucket to check what was (not) written.
 */
final class UsersClient implements AutoCloseable {

    static final String PASSWORD = "correct horse battery";

    private final String namespace;
    private final NatsConnector connector;
    private final RpcClient rpc;

    UsersClient(String namespace) throws Exception {
        this.namespace = namespace;
        // Generous: two instances hashing with Argon2 on a small, shared machine.
        this.connector = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", namespace, 1,
                Duration.ofSeconds(15), Duration.ofHours(1)), "users-test-client");
        connector.awaitConnection(Duration.ofSeconds(10));
        this.rpc = new RpcClient(connector);
    }

    UserRegistration register(String commandId, String email, String password, String name) {
        return rpc.call(Endpoints.REGISTER_USER, RegisterUser.newBuilder()
                .setCommandId(commandId).setEmail(email).setPassword(password).setDisplayName(name).build(),
                UserRegistration.parser(), "corr-" + commandId);
    }

    UserRegistration register(String email, String name) {
        return register(UUID.randomUUID().toString(), email, PASSWORD, name);
    }

    /** As the user themself would ask (the gateway sends the Caller it authenticated). */
    UserDetails getUser(String userId) {
        return getUser(userId, Caller.newBuilder().setUserId(userId).build());
    }

    /** As a platform admin would ask: they may read any user. */
    UserDetails getUserAsAdmin(String userId) {
        return getUser(userId, Caller.newBuilder().setUserId(UUID.randomUUID().toString()).setPlatformAdmin(true)
                .build());
    }

    UserDetails getUser(String userId, Caller caller) {
        return rpc.call(Endpoints.GET_USER, GetUser.newBuilder().setUserId(userId).build(), UserDetails.parser(),
                null, caller);
    }

    UserRegistration registerAndSignIn(String email, String name) {
        return rpc.call(Endpoints.REGISTER_USER, RegisterUser.newBuilder()
                .setCommandId(UUID.randomUUID().toString()).setEmail(email).setPassword(PASSWORD).setDisplayName(name)
                .setStartSession(true).setUserAgent("test").build(), UserRegistration.parser(), null);
    }

    SessionGrant signIn(String email, String password) {
        return rpc.call(Endpoints.START_SESSION, StartSession.newBuilder().setEmail(email).setPassword(password)
                .setUserAgent("test").build(), SessionGrant.parser(), null);
    }

    Authentication authenticate(String token) {
        return rpc.call(Endpoints.AUTHENTICATE_SESSION, AuthenticateSession.newBuilder().setSessionToken(token).build(),
                Authentication.parser(), null);
    }

    SessionEnded signOut(String token) {
        return rpc.call(Endpoints.END_SESSION, EndSession.newBuilder().setSessionToken(token).build(),
                SessionEnded.parser(), null);
    }

    /** The Caller the gateway would send for this session. */
    Caller callerOf(String token) {
        return authenticate(token).getCaller();
    }

    UserDetails rename(Caller caller, String name) {
        return rpc.call(Endpoints.RENAME_USER, RenameUser.newBuilder().setDisplayName(name).build(),
                UserDetails.parser(), null, caller);
    }

    SessionGrant changePassword(Caller caller, String current, String newPassword) {
        return rpc.call(Endpoints.CHANGE_PASSWORD, ChangePassword.newBuilder().setCurrentPassword(current)
                .setNewPassword(newPassword).build(), SessionGrant.parser(), null, caller);
    }

    Erasure erase(Caller caller, String password) {
        return rpc.call(Endpoints.ERASE_USER, EraseUser.newBuilder().setPassword(password).build(), Erasure.parser(),
                null, caller);
    }

    /** A request with any body, as a misbehaving client would send it. */
    Message requestRaw(Endpoints.Endpoint endpoint, byte[] body) throws InterruptedException {
        return connection().request(new Namespace(namespace).subject(endpoint.subject()), body, Duration.ofSeconds(15));
    }

    /** Messages in the namespace's EVENTS stream on the subjects of one aggregate type, e.g. every user's. */
    long countEvents(String aggregateType) throws Exception {
        Namespace ns = new Namespace(namespace);
        var info = connection().jetStreamManagement().getStreamInfo(ns.name(Streams.EVENTS),
                StreamInfoOptions.filterSubjects(ns.subject(Streams.allOf(aggregateType))));
        var subjects = info.getStreamState().getSubjects();
        return subjects == null ? 0 : subjects.stream().mapToLong(Subject::getCount).sum();
    }

    /** Messages in the stream on one aggregate's subject. */
    long countEvents(String aggregateType, String aggregateId) throws Exception {
        Namespace ns = new Namespace(namespace);
        var info = connection().jetStreamManagement().getStreamInfo(ns.name(Streams.EVENTS),
                StreamInfoOptions.filterSubjects(ns.subject(Streams.eventSubject(aggregateType, aggregateId))));
        var subjects = info.getStreamState().getSubjects();
        return subjects == null ? 0 : subjects.stream().mapToLong(Subject::getCount).sum();
    }

    /** Whether anybody claimed this address (the key is the hex SHA-256 of the normalised address). */
    boolean isClaimed(String email) throws Exception {
        return connection().keyValue(new Namespace(namespace).name(Buckets.EMAIL_CLAIMS))
                .get(claimKey(email)) != null;
    }

    static String claimKey(String email) throws Exception {
        String normalised = email.strip().toLowerCase(Locale.ROOT);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(normalised.getBytes(StandardCharsets.UTF_8)));
    }

    Connection connection() {
        return connector.connection();
    }

    String namespace() {
        return namespace;
    }

    @Override
    public void close() throws Exception {
        connector.close();
    }
}
