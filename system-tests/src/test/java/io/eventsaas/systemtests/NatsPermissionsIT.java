package io.eventsaas.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.contracts.users.AuthenticateSession;
import io.eventsaas.contracts.users.Authentication;
import io.eventsaas.contracts.users.ChangePassword;
import io.eventsaas.contracts.users.EraseUser;
import io.eventsaas.contracts.users.Erasure;
import io.eventsaas.contracts.users.GetUser;
import io.eventsaas.contracts.users.RegisterUser;
import io.eventsaas.contracts.users.SessionGrant;
import io.eventsaas.contracts.users.StartSession;
import io.eventsaas.contracts.users.UserRegistration;
import io.eventsaas.platform.eventstore.EventHeaders;
import io.eventsaas.platform.rpc.RpcHeaders;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamOptions;
import io.nats.client.KeyValue;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The server configuration of {@code deploy/nats/nats.conf}, on a private nats-server: the four services, each
 * with its own user, run a whole sign-up (so the permissions allow everything the system does), and each user is
 * refused what the laws forbid it.
 */
class NatsPermissionsIT {

    private static final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> PASSWORDS = Map.of(
            "gateway", "gw-" + UUID.randomUUID(),
            "user-service", "us-" + UUID.randomUUID(),
            "billing-service", "bs-" + UUID.randomUUID(),
            "projection-service", "ps-" + UUID.randomUUID(),
            "admin", "ad-" + UUID.randomUUID());

    private static Path workDir;
    private static NatsServerProcess server;
    private static final List<String> databases = new ArrayList<>();
    private static final List<ServiceProcess> services = new ArrayList<>();
    private static ServiceProcess gateway;

    @BeforeAll
    static void startServerAndServices() throws Exception {
        String binary = NatsServerProcess.binary();
        workDir = Files.createTempDirectory("nats-permissions");
        int port = ServiceProcess.freePort();
        String config = NatsServerProcess.adapt(Files.readString(NatsServerProcess.repositoryFile("deploy/nats/nats.conf")),
                workDir.resolve("store"), port, ServiceProcess.freePort(),
                NatsServerProcess.supportsSyncInterval(NatsServerProcess.version(binary)));
        Path configFile = workDir.resolve("nats.conf");
        Files.writeString(configFile, config);
        Files.copy(NatsServerProcess.repositoryFile("deploy/nats/auth.conf"), workDir.resolve("auth.conf"));
        Map<String, String> serverEnvironment = new HashMap<>();
        PASSWORDS.forEach((user, password) -> serverEnvironment.put(
                "NATS_" + user.toUpperCase().replace('-', '_') + "_PASSWORD", password));
        server = NatsServerProcess.start(binary, "nats-permissions", configFile, port, serverEnvironment);

        // The server is the test's own: no namespace, exactly the subjects production uses. In the compose
        // order: the services that create EVENTS, then projection-service (which creates the views bucket), then
        // the gateway (which only reads it).
        for (String module : List.of("user-service", "billing-service", "projection-service")) {
            if (module.equals("projection-service")) {
                for (ServiceProcess service : services) {
                    service.awaitReady(Duration.ofSeconds(120));
                }
            }
            String database = TestInfrastructure.newDatabase(module.replace("-service", ""));
            databases.add(database);
            Map<String, String> environment = serviceEnvironment(module);
            environment.put("SPRING_DATASOURCE_URL", database);
            environment.put("PGUSER", TestInfrastructure.postgresUser());
            environment.put("PGPASSWORD", TestInfrastructure.postgresPassword());
            services.add(ServiceProcess.start(module, "permissions-" + module, environment));
        }
        services.getLast().awaitReady(Duration.ofSeconds(120));
        gateway = ServiceProcess.start("gateway", "permissions-gateway", serviceEnvironment("gateway"));
        services.add(gateway);
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofSeconds(120));
        }
    }

    private static Map<String, String> serviceEnvironment(String user) {
        Map<String, String> environment = new HashMap<>();
        environment.put("NATS_URL", server.url());
        environment.put("NATS_NAMESPACE", "");
        environment.put("NATS_USER", user);
        environment.put("NATS_PASSWORD", PASSWORDS.get(user));
        return environment;
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (ServiceProcess service : services) {
            service.close();
        }
        if (server != null) {
            server.close();
        }
        for (String database : databases) {
            TestInfrastructure.dropDatabase(database);
        }
        if (workDir != null) {
            try (var files = Files.walk(workDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @DisplayName("with one user per service, a sign-up travels through every service and comes back as a view")
    void signupWorksUnderLeastPrivilege() throws Exception {
        String name = "Ada " + UUID.randomUUID().toString().substring(0, 8);
        String email = "ada+" + UUID.randomUUID() + "@example.com";

        HttpResponse<String> signup = http.send(HttpRequest.newBuilder(gateway.uri("/api/v1/signup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email
                        + "\",\"password\":\"correct horse battery\",\"name\":\"" + name + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(signup.statusCode()).as(signup.body()).isEqualTo(201);
        String userId = signup.body().replaceAll("(?s).*\"userId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        // user-service answers a read under its user (with the Caller the gateway sends for a signed-in user).
        try (Client gw = Client.connect("gateway")) {
            assertThat(gw.rpc("rpc.users.get-user", GetUser.newBuilder().setUserId(userId).build(),
                    Caller.newBuilder().setUserId(userId).build()).getData()).asString(StandardCharsets.UTF_8)
                    .contains(email).contains(name);
        }
        // projection-service wrote the view with its user; the gateway read it with its own.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/").body().contains(name));
        for (ServiceProcess service : services) {
            assertThat(service.log()).as(service + " was refused nothing").doesNotContainIgnoringCase("permissions violation");
        }
    }

    @Test
    @DisplayName("with user-service under its own user, sign-in, sign-out, a password change (which lists and ends "
            + "all sessions) and an erasure (which destroys a personal-data key and frees a claim) all work")
    void identityWorksUnderLeastPrivilege() throws Exception {
        String email = "erin+" + UUID.randomUUID() + "@example.com";
        try (Client gw = Client.connect("gateway")) {
            Message registered = gw.rpc("rpc.users.register-user", RegisterUser.newBuilder()
                    .setCommandId(UUID.randomUUID().toString()).setEmail(email).setPassword("correct horse battery")
                    .setDisplayName("Erin").setStartSession(true).build(), null);
            String token = UserRegistration.parseFrom(registered.getData()).getSession().getSessionToken();
            assertThat(token).isNotEmpty();
            gw.rpc("rpc.users.start-session", StartSession.newBuilder().setEmail(email).setPassword("wrong password")
                    .build(), null);
            Caller caller = Authentication.parseFrom(gw.rpc("rpc.users.authenticate-session",
                    AuthenticateSession.newBuilder().setSessionToken(token).build(), null).getData()).getCaller();
            assertThat(caller.getUserId()).isNotEmpty();
            Message changed = gw.rpc("rpc.users.change-password", ChangePassword.newBuilder()
                    .setCurrentPassword("correct horse battery").setNewPassword("another good secret").build(), caller);
            assertThat(SessionGrant.parseFrom(changed.getData()).getSessionToken()).isNotEmpty();
            Message erased = gw.rpc("rpc.users.erase-user", EraseUser.newBuilder().setPassword("another good secret")
                    .build(), caller);
            assertThat(Erasure.parseFrom(erased.getData()).getUserId()).isEqualTo(caller.getUserId());
        }
        for (ServiceProcess service : services) {
            assertThat(service.log()).as(service + " was refused nothing").doesNotContainIgnoringCase("permissions violation");
        }
    }

    @Test
    @DisplayName("the gateway may call an endpoint and read views, but cannot append an event nor write a view")
    void gatewayOnlyForwards() throws Exception {
        try (Client gw = Client.connect("gateway")) {
            Message reply = gw.connection.request("rpc.users.get-user", new byte[0], Duration.ofSeconds(5));
            assertThat(reply).as("user-service answers the gateway's request").isNotNull();
            assertThat(reply.hasHeaders() ? reply.getHeaders().getFirst(RpcHeaders.STATUS) : null)
                    .as("its answer, not a NATS status").isNotNull();
            KeyValue views = gw.connection.keyValue("views");

            String subject = "events.user." + UUID.randomUUID();
            assertThatThrownBy(() -> gw.appendProbe(subject)).as("append to " + subject).isInstanceOf(Exception.class);
            gw.awaitViolation("Publish to \"" + subject + "\"");
            assertThatThrownBy(() -> views.put("platform-summary", "forged".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(Exception.class);
            gw.awaitViolation("Publish to \"$KV.views.platform-summary\"");

            assertThat(admin().hasMessageOn(subject)).as("nothing reached the stream").isFalse();
            assertThat(views.get("platform-summary") == null
                    || !new String(views.get("platform-summary").getValue(), StandardCharsets.UTF_8).equals("forged"))
                    .isTrue();
        }
    }

    @Test
    @DisplayName("projection-service cannot append an event nor take a request: it talks only through JetStream")
    void projectionServiceOnlyConsumes() throws Exception {
        try (Client projections = Client.connect("projection-service"); Client gw = Client.connect("gateway")) {
            String subject = "events.organization." + UUID.randomUUID();
            assertThatThrownBy(() -> projections.appendProbe(subject)).isInstanceOf(Exception.class);
            projections.awaitViolation("Publish to \"" + subject + "\"");
            assertThat(admin().hasMessageOn(subject)).isFalse();

            Subscription eavesdrop = projections.connection.subscribe("rpc.users.>");
            projections.awaitViolation("Subscription to \"rpc.users.>\"");
            gw.connection.request("rpc.users.get-user", new byte[0], Duration.ofSeconds(5));
            assertThat(eavesdrop.nextMessage(Duration.ofMillis(500))).as("a request it must never see").isNull();
        }
    }

    @Test
    @DisplayName("user-service appends to its own aggregates only, and takes requests only in the queue group")
    void userServiceWritesOnlyItsOwnAggregates() throws Exception {
        try (Client users = Client.connect("user-service")) {
            String own = "events.user." + UUID.randomUUID();
            PublishAck ack = users.appendProbe(own);
            assertThat(ack.getSeqno()).isPositive();
            assertThat(admin().hasMessageOn(own)).isTrue();

            String billings = "events.subscription." + UUID.randomUUID();
            assertThatThrownBy(() -> users.appendProbe(billings)).isInstanceOf(Exception.class);
            users.awaitViolation("Publish to \"" + billings + "\"");
            assertThat(admin().hasMessageOn(billings)).isFalse();

            users.connection.subscribe("rpc.users.get-user");
            users.awaitViolation("Subscription to \"rpc.users.get-user\"");
        }
    }

    @Test
    @DisplayName("a service cannot read another service's replies")
    void repliesArePrivate() throws Exception {
        try (Client gw = Client.connect("gateway")) {
            gw.connection.subscribe("_INBOX_user-service.>");
            gw.awaitViolation("Subscription to \"_INBOX_user-service.>\"");
        }
    }

    @Test
    @DisplayName("a wrong password is refused")
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> Nats.connect(Options.builder().server(server.url())
                .userInfo("gateway", "not-the-password").maxReconnects(0).build()))
                .hasMessageContaining("Authorization");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(gateway.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Admin admin() {
        return new Admin();
    }

    /** Looks at the stream with the admin user (which may do anything): did a refused append leave a trace? */
    private static final class Admin {
        boolean hasMessageOn(String subject) throws Exception {
            try (Connection nc = Nats.connect(Options.builder().server(server.url())
                    .userInfo("admin", PASSWORDS.get("admin")).build())) {
                nc.jetStreamManagement().getLastMessage("EVENTS", subject);
                return true;
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() == 10037) { // no message found
                    return false;
                }
                throw e;
            }
        }
    }

    /** A connection as one of the services' users, with that service's inbox prefix, recording server errors. */
    private static final class Client implements AutoCloseable {
        final Connection connection;
        final List<String> errors;

        private Client(Connection connection, List<String> errors) {
            this.connection = connection;
            this.errors = errors;
        }

        static Client connect(String user) throws Exception {
            List<String> errors = new CopyOnWriteArrayList<>();
            Connection connection = Nats.connect(Options.builder()
                    .server(server.url())
                    .userInfo(user, PASSWORDS.get(user))
                    .inboxPrefix("_INBOX_" + user)
                    .errorListener(new ErrorListener() {
                        @Override
                        public void errorOccurred(Connection conn, String error) {
                            errors.add(error);
                        }
                    })
                    .build());
            return new Client(connection, errors);
        }

        /** A request as the gateway sends it: the Caller (if any) in its header; fails on an error reply. */
        Message rpc(String subject, com.google.protobuf.Message request, Caller caller) throws Exception {
            Headers headers = new Headers();
            if (caller != null) {
                headers.put(RpcHeaders.CALLER, Base64.getEncoder().encodeToString(caller.toByteArray()));
            }
            Message reply = connection.request(NatsMessage.builder().subject(subject).headers(headers)
                    .data(request.toByteArray()).build(), Duration.ofSeconds(10));
            assertThat(reply).as("%s answered within 10 s", subject).isNotNull();
            String status = reply.getHeaders() == null ? null : reply.getHeaders().getFirst(RpcHeaders.STATUS);
            assertThat(status).as("%s answered as an RPC handler does", subject).isNotNull();
            if (!RpcHeaders.OK.equals(status) && !subject.endsWith("start-session")) {
                throw new AssertionError(subject + " answered " + status + ": "
                        + reply.getHeaders().getFirst(RpcHeaders.SERVICE_ERROR));
            }
            return reply;
        }

        /** A JetStream publish of an event type nobody handles (consumers skip it by its header). */
        PublishAck appendProbe(String subject) throws Exception {
            Headers headers = new Headers().put(EventHeaders.EVENT_TYPES, "PermissionProbe");
            return connection.jetStream(JetStreamOptions.builder().requestTimeout(Duration.ofSeconds(1)).build())
                    .publish(NatsMessage.builder().subject(subject).headers(headers).data(new byte[] {1}).build());
        }

        void awaitViolation(String what) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(errors)
                    .as("the server's errors to this connection")
                    .anySatisfy(error -> assertThat(error).containsIgnoringCase("permissions violation")
                            .contains(what)));
        }

        @Override
        public void close() throws InterruptedException {
            connection.close();
        }
    }
}
