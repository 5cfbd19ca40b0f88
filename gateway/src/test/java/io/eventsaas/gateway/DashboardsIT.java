package io.eventsaas.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.contracts.users.AuthenticateSession;
import io.eventsaas.contracts.users.Authentication;
import io.eventsaas.contracts.users.GetOrganization;
import io.eventsaas.contracts.users.OrganizationDetails;
import io.eventsaas.contracts.views.ActivityEntry;
import io.eventsaas.contracts.views.ActivityFeedChunk;
import io.eventsaas.contracts.views.ActivityFeedHead;
import io.eventsaas.contracts.views.DailyCount;
import io.eventsaas.contracts.views.PlanCount;
import io.eventsaas.contracts.views.PlatformMetricsView;
import io.eventsaas.platform.nats.KeyValueBuckets;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.rpc.RpcException;
import io.eventsaas.platform.rpc.RpcServer;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.nats.client.KeyValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin dashboard and the activity feeds against real NATS: views in the bucket as projection-service writes
 * them, a stand-in user-service that authenticates and decides membership.
 */
@DisplayName("admin dashboard and activity feeds")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardsIT {

    private static final String ADMIN = "Bearer admin-token";
    private static final String MEMBER = "Bearer member-token";
    private static final String ACME = "0b9d7c52-2f0e-4d4e-9a51-000000000001";
    private static final String OTHER = "0b9d7c52-2f0e-4d4e-9a51-000000000002";

    private final ObjectMapper json = JsonMapper.builder().build();
    private final String namespace = TestInfrastructure.newNamespace();
    private final List<GetOrganization> organizationRequests = new CopyOnWriteArrayList<>();
    private NatsConnector connector;
    private RpcServer users;
    private KeyValue views;
    private RunningGateway gateway;

    @BeforeAll
    void start() throws Exception {
        connector = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", namespace, 1,
                Duration.ofSeconds(5), Duration.ofMinutes(1)), "dashboards-test");
        connector.awaitConnection(Duration.ofSeconds(10));
        views = KeyValueBuckets.ensure(connector.connection(), connector.namespace(), Buckets.VIEWS, 1);
        users = new RpcServer(connector, Endpoints.USERS, "0.0.0-test", "stand-in for user-service")
                .endpoint(Endpoints.AUTHENTICATE_SESSION, AuthenticateSession.parser(), (request, context) ->
                        switch (request.getSessionToken()) {
                            case "admin-token" -> Authentication.newBuilder().setDisplayName("Root")
                                    .setCaller(Caller.newBuilder().setUserId("admin-1").setPlatformAdmin(true)).build();
                            case "member-token" -> Authentication.newBuilder().setDisplayName("Ada")
                                    .setCaller(Caller.newBuilder().setUserId("ada-1")).build();
                            default -> throw RpcException.unauthorized("unknown session");
                        })
                .endpoint(Endpoints.GET_ORGANIZATION, GetOrganization.parser(), (request, context) -> {
                    organizationRequests.add(request);
                    Caller caller = context.caller(Caller.parser()).orElse(null);
                    if (caller != null && caller.getUserId().equals("ada-1")
                            && request.getOrganizationId().equals(ACME)) {
                        return OrganizationDetails.newBuilder().setOrganizationId(ACME).setName("Acme")
                                .setCallerRole("member").build();
                    }
                    throw RpcException.notFound("no organisation " + request.getOrganizationId());
                });
        users.start();
        connector.connection().flush(Duration.ofSeconds(5));
        putMetrics(3);
        putActivity(120);
        gateway = RunningGateway.start(namespace);
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
        users.stop();
        connector.close();
        TestInfrastructure.deleteNamespace(namespace);
    }

    private void putMetrics(long users) throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        views.put(Buckets.PLATFORM_METRICS, PlatformMetricsView.newBuilder().setReadModelVersion(1)
                .setAsOfSequence(10 + users).setUsers(users).setOrganizations(users + 1).setMrrMinorUnits(2900)
                .setCurrency("EUR").addActiveSubscriptions(PlanCount.newBuilder().setPlanCode("pro").setCount(1))
                .addSignupsPerDay(DailyCount.newBuilder().setDay(today).setCount(users)).build().toByteArray());
    }

    /** A feed of {@code total} entries, "event 0" the oldest, in chunks of 50 as projection-service writes it. */
    private void putActivity(int total) throws Exception {
        views.put(Buckets.activity(ACME), ActivityFeedHead.newBuilder().setReadModelVersion(1).setTotal(total)
                .setChunkSize(50).setAsOfSequence(total).build().toByteArray());
        for (int chunk = 0; chunk * 50 < total; chunk++) {
            ActivityFeedChunk.Builder entries = ActivityFeedChunk.newBuilder().setReadModelVersion(1);
            for (int i = chunk * 50; i < Math.min(total, (chunk + 1) * 50); i++) {
                entries.addEntries(ActivityEntry.newBuilder().setLine("event " + i).setEventType("MemberJoined")
                        .setStreamSequence(i + 1).setOccurredAt(Timestamp.newBuilder().setSeconds(1_790_000_000L + i)));
            }
            views.put(Buckets.activityChunk(ACME, chunk), entries.build().toByteArray());
        }
    }

    @Test
    @DisplayName("GET /api/v1/admin/metrics: the published figures for a platform admin, 403 for a member, 401 "
            + "without credentials")
    void metricsApi() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                gateway.get("/api/v1/admin/metrics", "Authorization", ADMIN).body().contains("\"users\""));
        HttpResponse<String> admin = gateway.get("/api/v1/admin/metrics", "Authorization", ADMIN);
        assertThat(admin.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(admin.body());
        assertThat(body.get("users").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(body.get("mrr").asString()).isEqualTo("EUR 29.00");
        assertThat(body.get("signupsPerDay")).hasSize(30);
        assertThat(body.get("activeSubscriptions").get("pro").asLong()).isEqualTo(1);

        assertThat(gateway.get("/api/v1/admin/metrics", "Authorization", MEMBER).statusCode()).isEqualTo(403);
        assertThat(gateway.get("/api/v1/admin/metrics").statusCode()).isEqualTo(401);
        assertThat(gateway.get("/admin", "Authorization", MEMBER).statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("/admin: figures and two inline SVG charts with the page's own script, no external source")
    void dashboardPage() {
        HttpResponse<String> page = gateway.get("/admin", "Authorization", ADMIN);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Platform dashboard", "id=\"chart-signups\"", "id=\"chart-mrr\"",
                "<rect", "/js/admin.js").doesNotContain("http://", "https://cdn");
        assertThat(gateway.get("/js/admin.js").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("the dashboard's event stream pushes a new revision of the view without a reload")
    void liveUpdates() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/admin/metrics/stream"))
                .header("Authorization", ADMIN).header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> response.body().forEach(seen::add));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().anyMatch(l -> l.startsWith("data:")));
            putMetrics(42);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    seen.stream().anyMatch(l -> l.startsWith("data:") && l.contains("\"users\":42")));
        } finally {
            reader.interrupt();
            response.body().close();
        }
    }

    @Test
    @DisplayName("GET /api/v1/orgs/{id}/activity: a member pages through the feed newest first; a non-member gets "
            + "404, decided by user-service")
    void activityApi() throws Exception {
        HttpResponse<String> first = gateway.get("/api/v1/orgs/" + ACME + "/activity", "Authorization", MEMBER);
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode page0 = json.readTree(first.body());
        assertThat(page0.get("total").asLong()).isEqualTo(120);
        assertThat(page0.get("entries")).hasSize(50);
        assertThat(page0.get("entries").get(0).get("line").asString()).isEqualTo("event 119");
        assertThat(page0.get("entries").get(49).get("line").asString()).isEqualTo("event 70");

        JsonNode page2 = json.readTree(gateway.get("/api/v1/orgs/" + ACME + "/activity?page=2", "Authorization",
                MEMBER).body());
        assertThat(page2.get("entries")).hasSize(20);
        assertThat(page2.get("entries").get(19).get("line").asString()).isEqualTo("event 0");

        assertThat(gateway.get("/api/v1/orgs/" + OTHER + "/activity", "Authorization", MEMBER).statusCode())
                .isEqualTo(404);
        assertThat(organizationRequests).extracting(GetOrganization::getOrganizationId).contains(OTHER);
        assertThat(gateway.get("/api/v1/orgs/" + ACME + "/activity").statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("/app/orgs/{id}/activity shows the newest entries to a member")
    void activityPage() {
        HttpResponse<String> page = gateway.get("/app/orgs/" + ACME + "/activity", "Authorization", MEMBER);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Activity of", "Acme", "event 119", "Older");
        assertThat(gateway.get("/app/orgs/" + OTHER + "/activity", "Authorization", MEMBER).statusCode())
                .isEqualTo(404);
    }
}
