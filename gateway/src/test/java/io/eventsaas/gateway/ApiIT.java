package io.eventsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.users.GetUser;
import io.eventsaas.contracts.users.OrganizationSummary;
import io.eventsaas.contracts.users.RegisterUser;
import io.eventsaas.contracts.users.SessionGrant;
import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.contracts.users.UserRegistration;
import io.eventsaas.platform.rpc.RpcException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON API against the real NATS server: the gateway in this JVM and a stand-in users service answering on
 * the same namespace. Proves that requests are forwarded as RPCs, that the service's answers come back as the
 * right HTTP status, and that a request with an unusable body never reaches the service.
 */
@DisplayName("JSON API")
class ApiIT extends AgainstRunningGateway {

    private static final String SIGNUP = """
            {"email":"ada@example.com","password":"correct horse battery staple","name":"Ada Lovelace"}""";

    private final ObjectMapper json = JsonMapper.builder().build();
    private JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    @Nested
    @DisplayName("POST /api/v1/signup")
    class Signup {

        @Test
        @DisplayName("given the service registers the user, then 201 with the ids and the user's Location")
        void created() throws Exception {
            startUsers().onRegister((request, context) -> UserRegistration.newBuilder()
                    .setUserId("user-42").setOrganizationId("org-7")
                    .setSession(SessionGrant.newBuilder().setSessionToken("st-new").setUserId("user-42")
                            .setExpiresAt(Timestamp.newBuilder().setSeconds(1_800_000_000L)))
                    .build());

            HttpResponse<String> response = gateway.postJson("/api/v1/signup", SIGNUP,
                    "X-Correlation-Id", "req-123");

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/users/user-42");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(body(response).get("userId").stringValue()).isEqualTo("user-42");
            assertThat(body(response).get("orgId").stringValue()).isEqualTo("org-7");
            assertThat(body(response).get("token").stringValue()).isEqualTo("st-new");
            assertThat(body(response).get("expiresAt").stringValue()).isEqualTo("2027-01-15T08:00:00Z");
            assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue("req-123");

            assertThat(users.received()).singleElement().satisfies(received -> {
                assertThat(received.correlationId()).isEqualTo("req-123");
                RegisterUser command = (RegisterUser) received.request();
                assertThat(command.getEmail()).isEqualTo("ada@example.com");
                assertThat(command.getPassword()).isEqualTo("correct horse battery staple");
                assertThat(command.getDisplayName()).isEqualTo("Ada Lovelace");
                assertThat(command.getStartSession()).isTrue();
                assertThat(UUID.fromString(command.getCommandId())).isNotNull();
                assertThat(received.caller()).as("nobody is signed in yet").isNull();
            });
        }

        @Test
        @DisplayName("given an Idempotency-Key, then it is the command id, the same on every retry")
        void idempotencyKeyIsTheCommandId() throws Exception {
            startUsers();

            gateway.postJson("/api/v1/signup", SIGNUP, "Idempotency-Key", "signup-attempt-1");
            gateway.postJson("/api/v1/signup", SIGNUP, "Idempotency-Key", "signup-attempt-1");
            gateway.postJson("/api/v1/signup", SIGNUP);
            gateway.postJson("/api/v1/signup", SIGNUP);

            var commandIds = users.registrations().stream().map(RegisterUser::getCommandId).toList();
            assertThat(commandIds).hasSize(4);
            assertThat(commandIds.subList(0, 2)).containsOnly("signup-attempt-1");
            // Without the header every request is a new command.
            assertThat(commandIds.subList(2, 4)).doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(UUID.fromString(id)).isNotNull());
        }

        @Test
        @DisplayName("given the service rejects fields, then 400 problem+json with its messages per field")
        void fieldErrorsPassThrough() throws Exception {
            startUsers().onRegister((request, context) -> {
                throw RpcException.invalid(Map.of(
                        "password", "must be at least 12 characters",
                        "display_name", "must not be empty"));
            });

            HttpResponse<String> response = gateway.postJson("/api/v1/signup", SIGNUP);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = body(response);
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("title").stringValue()).isEqualTo("Bad Request");
            assertThat(problem.get("type").stringValue()).isNotBlank();
            assertThat(problem.get("errors").get("password").stringValue()).isEqualTo("must be at least 12 characters");
            assertThat(problem.get("errors").get("name").stringValue()).isEqualTo("must not be empty");
        }

        @Test
        @DisplayName("given the e-mail address is taken, then 409 with the service's message")
        void conflict() throws Exception {
            startUsers().onRegister((request, context) -> {
                throw RpcException.conflict("ada@example.com is already registered");
            });

            HttpResponse<String> response = gateway.postJson("/api/v1/signup", SIGNUP);

            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(body(response).get("detail").stringValue()).isEqualTo("ada@example.com is already registered");
            assertThat(response.headers().firstValue("X-Correlation-Id")).isPresent();
        }

        @Test
        @DisplayName("given the service fails inside, then 502 without its internal message")
        void internalError() throws Exception {
            startUsers().onRegister((request, context) -> {
                // Words no correlation id (a UUID: hex digits and dashes) can contain by chance.
                throw new IllegalStateException("connection to primary-postgres.internal refused");
            });

            HttpResponse<String> response = gateway.postJson("/api/v1/signup", SIGNUP);

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).doesNotContain("primary-postgres").doesNotContain("Exception");
        }
    }

    @Nested
    @DisplayName("requests the gateway refuses itself")
    class BadInput {

        @Test
        @DisplayName("malformed JSON, missing, null and non-string fields, too-large bodies: 400 and no RPC")
        void refusedWithoutCallingTheService() throws Exception {
            startUsers();
            byte[] huge = ("{\"email\":\"a@example.com\",\"password\":\"x\",\"name\":\"" + "a".repeat(70 * 1024)
                    + "\"}").getBytes();

            Map<String, HttpResponse<String>> responses = Map.of(
                    "malformed", gateway.postJson("/api/v1/signup", "{\"email\": \"a@example.com\", \"password\": "),
                    "not an object", gateway.postJson("/api/v1/signup", "[\"a@example.com\"]"),
                    "missing", gateway.postJson("/api/v1/signup", "{\"email\":\"a@example.com\",\"password\":\"x\"}"),
                    "non-string", gateway.postJson("/api/v1/signup",
                            "{\"email\":\"a@example.com\",\"password\":12345678901234,\"name\":\"Ada\"}"),
                    "null", gateway.postJson("/api/v1/signup",
                            "{\"email\":null,\"password\":\"x\",\"name\":\"Ada\"}"),
                    "empty", gateway.postJson("/api/v1/signup", ""),
                    "70 KiB", gateway.postJson("/api/v1/signup", new String(huge)),
                    "70 KiB chunked", gateway.postJsonChunked("/api/v1/signup", huge));

            responses.forEach((name, response) -> {
                assertThat(response.statusCode()).as(name).isEqualTo(400);
                assertThat(response.headers().firstValue("Content-Type")).as(name).hasValue("application/problem+json");
                assertThat(body(response).get("detail").stringValue()).as(name).isNotBlank();
            });
            assertThat(body(responses.get("malformed")).get("detail").stringValue()).contains("not well-formed JSON");
            assertThat(body(responses.get("missing")).get("errors").get("name").stringValue()).isEqualTo("is required");
            assertThat(body(responses.get("non-string")).get("errors").get("password").stringValue())
                    .isEqualTo("must be a string");
            assertThat(responses.get("non-string").body()).doesNotContain("12345678901234");
            assertThat(body(responses.get("70 KiB")).get("detail").stringValue()).contains("larger than 65536 bytes");
            assertThat(body(responses.get("70 KiB chunked")).get("detail").stringValue())
                    .contains("larger than 65536 bytes");
            assertThat(users.received()).isEmpty();
        }

        @Test
        @DisplayName("a body that is not JSON: 415 and no RPC")
        void unsupportedMediaType() throws Exception {
            startUsers();

            HttpResponse<String> response = gateway.post("/api/v1/signup", "text/plain", SIGNUP);

            assertThat(response.statusCode()).isEqualTo(415);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(body(response).get("detail").stringValue())
                    .isEqualTo("The request body must be application/json, not text/plain.");
            assertThat(users.received()).isEmpty();
        }

        @Test
        @DisplayName("an unusable Idempotency-Key: 400 and no RPC")
        void badIdempotencyKey() throws Exception {
            startUsers();

            HttpResponse<String> response = gateway.postJson("/api/v1/signup", SIGNUP,
                    "Idempotency-Key", "x".repeat(201));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(body(response).get("errors").has("Idempotency-Key")).isTrue();
            assertThat(users.received()).isEmpty();
        }

        @Test
        @DisplayName("an unknown API path: 404 problem+json")
        void unknownPath() {
            HttpResponse<String> response = gateway.get("/api/v1/nothing-here");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("X-Correlation-Id")).isPresent();
        }
    }

    @Nested
    @DisplayName("GET /api/v1/users/{id}")
    class GetUserById {

        @Test
        @DisplayName("given a bearer token and the service knows the user, then 200 with the user and their "
                + "organisations, and the caller went with the request")
        void found() throws Exception {
            Instant registeredAt = Instant.parse("2026-11-20T10:15:30Z");
            startUsers().userSession("tok-ada", "user-42", "Ada Lovelace", "ada@example.com").onGetUser((request, context) -> UserDetails.newBuilder()
                    .setUserId(request.getUserId())
                    .setEmail("ada@example.com")
                    .setDisplayName("Ada Lovelace")
                    .setRegisteredAt(Timestamp.newBuilder().setSeconds(registeredAt.getEpochSecond()))
                    .addOrganizations(OrganizationSummary.newBuilder().setOrganizationId("org-7")
                            .setName("Ada Lovelace's organisation").setRole("owner").setPersonal(true))
                    .build());

            HttpResponse<String> response = gateway.get("/api/v1/users/user-42", "Authorization", "Bearer tok-ada");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode user = body(response);
            assertThat(user.get("userId").stringValue()).isEqualTo("user-42");
            assertThat(user.get("email").stringValue()).isEqualTo("ada@example.com");
            assertThat(user.get("name").stringValue()).isEqualTo("Ada Lovelace");
            assertThat(user.get("registeredAt").stringValue()).isEqualTo("2026-11-20T10:15:30Z");
            JsonNode org = user.get("orgs").get(0);
            assertThat(org.get("orgId").stringValue()).isEqualTo("org-7");
            assertThat(org.get("name").stringValue()).isEqualTo("Ada Lovelace's organisation");
            assertThat(org.get("role").stringValue()).isEqualTo("owner");
            assertThat(org.get("personal").booleanValue()).isTrue();
            assertThat(((GetUser) users.received().getFirst().request()).getUserId()).isEqualTo("user-42");
            assertThat(users.received().getFirst().caller().getUserId()).isEqualTo("user-42");
            assertThat(users.received().getFirst().caller().getSessionId()).isEqualTo("s-tok-ada");
        }

        @Test
        @DisplayName("given the service does not know the user, then 404 problem+json")
        void notFound() throws Exception {
            startUsers().userSession("tok-ada", "user-42", "Ada Lovelace", "ada@example.com");

            HttpResponse<String> response = gateway.get("/api/v1/users/nobody", "Authorization", "Bearer tok-ada");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(body(response).get("detail").stringValue()).isEqualTo("no user nobody");
        }
    }

    @Nested
    @DisplayName("when the service cannot answer")
    class ServiceUnavailable {

        @Test
        @DisplayName("given no instance is listening (stopped), then 503")
        void noResponders() throws Exception {
            startUsers();
            assertThat(gateway.postJson("/api/v1/signup", SIGNUP).statusCode()).isEqualTo(201);

            users.stop();

            // The server drops the stopped instance's subscription a moment after it asks.
            HttpResponse<String> response = eventually(() -> gateway.postJson("/api/v1/signup", SIGNUP), 503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(body(response).get("status").asInt()).isEqualTo(503);
        }

        @Test
        @DisplayName("given the instance answers after nats.request-timeout (300 ms), then 504")
        void timeout() throws Exception {
            startUsers().onRegister((request, context) -> {
                RunningGateway.sleep(1_500);
                return UserRegistration.getDefaultInstance();
            });

            long start = System.nanoTime();
            HttpResponse<String> response = gateway.postJson("/api/v1/signup", SIGNUP);

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_400));
            assertThat(body(response).get("detail").stringValue()).contains("did not answer in time");
        }
    }

    @Test
    @DisplayName("a correlation id that is not an id is replaced by a generated one")
    void invalidCorrelationIdReplaced() throws Exception {
        startUsers();

        HttpResponse<String> response = gateway.postJson("/api/v1/signup", SIGNUP,
                "X-Correlation-Id", "<script>alert(1)</script>");

        String generated = response.headers().firstValue("X-Correlation-Id").orElseThrow();
        assertThat(UUID.fromString(generated)).isNotNull();
        assertThat(users.received().getFirst().correlationId()).isEqualTo(generated);
    }

    @Test
    @DisplayName("readiness is UP once NATS is reachable and the views bucket is open")
    void ready() {
        assertThat(gateway.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(gateway.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(gateway.get("/actuator/prometheus").body()).contains("http_server_requests");
    }

    private static HttpResponse<String> eventually(java.util.function.Supplier<HttpResponse<String>> call,
            int expectedStatus) {
        Instant deadline = Instant.now().plusSeconds(5);
        HttpResponse<String> response = call.get();
        while (response.statusCode() != expectedStatus && Instant.now().isBefore(deadline)) {
            RunningGateway.sleep(50);
            response = call.get();
        }
        assertThat(response.statusCode()).isEqualTo(expectedStatus);
        return response;
    }
}
