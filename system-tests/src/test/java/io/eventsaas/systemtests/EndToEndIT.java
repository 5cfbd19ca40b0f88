package io.eventsaas.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventsaas.platform.testing.TestInfrastructure;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.StreamInfo;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The whole system, each service a process of its own, on real NATS and PostgreSQL:
 * HTTP -> gateway -> NATS request-reply -> user-service -> JetStream EVENTS -> projection-service -> KV view ->
 * gateway page.
 */
class EndToEndIT {

    private static final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private static RunningSystem system;
    private static ServiceProcess gateway;

    @BeforeAll
    static void startTheSystem() throws Exception {
        system = RunningSystem.start("");
        gateway = system.gateway();
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    private static HttpResponse<String> post(String path, String json, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long eventsInStream() throws Exception {
        try (Connection nc = Nats.connect(TestInfrastructure.natsUrl())) {
            StreamInfo info = nc.jetStreamManagement().getStreamInfo(system.namespace() + "_EVENTS");
            return info.getStreamState().getMsgCount();
        }
    }

    @Test
    @DisplayName("a sign-up travels through every service and comes back as a view on the home page")
    void signupEndToEnd() throws Exception {
        String name = "Ada " + UUID.randomUUID().toString().substring(0, 8);
        String email = "ada+" + UUID.randomUUID() + "@example.com";

        HttpResponse<String> signup = post("/api/v1/signup",
                "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"name\":\"" + name + "\"}");

        assertThat(signup.statusCode()).as(signup.body()).isEqualTo(201);
        String userId = field(signup.body(), "userId");
        String orgId = field(signup.body(), "orgId");
        String token = field(signup.body(), "token");

        assertThat(get("/api/v1/users/" + userId).statusCode()).as("without the token").isEqualTo(401);
        HttpResponse<String> user = get("/api/v1/users/" + userId, "Authorization", "Bearer " + token);
        assertThat(user.statusCode()).isEqualTo(200);
        assertThat(user.body()).contains(email).contains(name).contains(orgId).contains("owner");

        // projection-service consumed the events and published the view; the gateway shows it.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/").body().contains(name));

        // and what happened is visible: the RPC timer (with its histogram) and the appends of user-service, and the
        // read models' lag, on /actuator/prometheus
        String users = prometheus("user-service");
        assertThat(users).containsPattern("eventsaas_rpc_server_requests_seconds_count\\{[^}]*"
                + "endpoint=\"rpc\\.users\\.register-user\"[^}]*outcome=\"ok\"[^}]*} [1-9]");
        assertThat(users).contains("eventsaas_rpc_server_requests_seconds_bucket{");
        assertThat(users).containsPattern("eventsaas_eventstore_appends_seconds_count\\{aggregate=\"user\""
                + "[^}]*outcome=\"appended\"[^}]*} [1-9]");
        assertThat(users).contains("eventsaas_projection_lag{projection=");
        assertThat(prometheus("projection-service")).contains("eventsaas_projection_lag{projection=");
    }

    private String prometheus(String serviceName) throws Exception {
        ServiceProcess service = system.services().stream().filter(s -> s.toString().contains(serviceName)).findFirst()
                .orElseThrow();
        return http.send(HttpRequest.newBuilder(service.uri("/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    @DisplayName("bad input gets a 400 with a clear message and appends nothing")
    void badInputAppendsNothing() throws Exception {
        long before = eventsInStream();

        HttpResponse<String> weak = post("/api/v1/signup",
                "{\"email\":\"bob@example.com\",\"password\":\"short\",\"name\":\"Bob\"}");
        HttpResponse<String> invalidEmail = post("/api/v1/signup",
                "{\"email\":\"not-an-email\",\"password\":\"correct horse battery\",\"name\":\"Bob\"}");
        HttpResponse<String> malformed = post("/api/v1/signup", "{\"email\": ");

        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("password");
        assertThat(invalidEmail.statusCode()).isEqualTo(400);
        assertThat(invalidEmail.body()).contains("email");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(eventsInStream()).isEqualTo(before);
    }

    @Test
    @DisplayName("the same e-mail registers once: the second sign-up gets 409")
    void emailIsTakenOnce() throws Exception {
        String email = "grace+" + UUID.randomUUID() + "@example.com";
        String body = "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"name\":\"Grace\"}";

        assertThat(post("/api/v1/signup", body).statusCode()).isEqualTo(201);
        assertThat(post("/api/v1/signup", body.replace(email, "  " + email.toUpperCase() + " ")).statusCode())
                .isEqualTo(409);
    }

    @Test
    @DisplayName("over the JSON API: sign in, create an organisation, invite, the invitee accepts, both are members; "
            + "a stranger gets 404 and a signed-out token 401")
    void identityOverTheApi() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String adaEmail = "ada+" + suffix + "@example.com";
        assertThat(post("/api/v1/signup", "{\"email\":\"" + adaEmail + "\",\"password\":\"correct horse battery\","
                + "\"name\":\"Ada\"}").statusCode()).isEqualTo(201);
        String bob = field(post("/api/v1/signup", "{\"email\":\"bob+" + suffix + "@example.com\",\"password\":"
                + "\"correct horse battery\",\"name\":\"Bob\"}").body(), "token");
        String eve = field(post("/api/v1/signup", "{\"email\":\"eve+" + suffix + "@example.com\",\"password\":"
                + "\"correct horse battery\",\"name\":\"Eve\"}").body(), "token");

        HttpResponse<String> signIn = post("/api/v1/sessions",
                "{\"email\":\"" + adaEmail.toUpperCase() + " \",\"password\":\"correct horse battery\"}");
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(201);
        String ada = field(signIn.body(), "token");

        HttpResponse<String> created = post("/api/v1/orgs", "{\"name\":\"Acme " + suffix + "\"}", "Authorization",
                "Bearer " + ada);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String orgId = field(created.body(), "orgId");
        HttpResponse<String> invited = post("/api/v1/orgs/" + orgId + "/invitations",
                "{\"email\":\"bob+" + suffix + "@example.com\",\"role\":\"admin\"}", "Authorization", "Bearer " + ada);
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        String acceptUrl = field(invited.body(), "acceptUrl");
        String token = acceptUrl.substring(acceptUrl.lastIndexOf('/') + 1);

        HttpResponse<String> accepted = post("/api/v1/invitations/" + token + "/accept", "{}",
                "Authorization", "Bearer " + bob);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        HttpResponse<String> members = get("/api/v1/orgs/" + orgId + "/members", "Authorization", "Bearer " + ada);
        assertThat(members.body()).containsPattern("\"name\":\"Ada\"[^}]*\"role\":\"owner\"")
                .containsPattern("\"name\":\"Bob\"[^}]*\"role\":\"admin\"");
        assertThat(get("/api/v1/orgs/" + orgId + "/members", "Authorization", "Bearer " + eve).statusCode())
                .as("not a member: the organisation does not exist for her").isEqualTo(404);

        HttpResponse<String> signedOut = http.send(HttpRequest.newBuilder(gateway.uri("/api/v1/sessions/current"))
                .header("Authorization", "Bearer " + ada).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedOut.statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/me", "Authorization", "Bearer " + ada).statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("every service reports ready and exposes Prometheus metrics")
    void operable() throws Exception {
        for (ServiceProcess service : system.services()) {
            assertThat(service.readinessStatus()).as(service.toString()).isEqualTo(200);
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(service.uri("/actuator/prometheus"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).as(service.toString()).isEqualTo(200);
            assertThat(metrics.body()).as(service.toString()).contains("jvm_memory_used_bytes");
        }
    }

    /** The value of a string field in a small flat JSON object. */
    private static String field(String json, String name) {
        var matcher = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as("field " + name + " in " + json).isTrue();
        return matcher.group(1);
    }
}
