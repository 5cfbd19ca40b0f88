package io.eventsaas.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.rpc.Caller;
import io.eventsaas.contracts.users.GetOrganization;
import io.eventsaas.contracts.users.GetUser;
import io.eventsaas.contracts.users.OrganizationDetails;
import io.eventsaas.contracts.users.UserDetails;
import io.eventsaas.platform.observability.Telemetry;
import io.eventsaas.platform.rpc.RpcClient;
import io.eventsaas.contracts.views.PlanCount;
import io.eventsaas.contracts.views.PlatformMetricsView;
import io.eventsaas.contracts.views.PlatformSummaryView;
import io.eventsaas.platform.archive.ArchiveRestore;
import io.eventsaas.platform.archive.EventArchive;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.KeyValueBuckets;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Law 8 drilled with the real services as processes: the EVENTS stream is deleted, restored from projection-service's
 * SQL archive, every service's database is dropped and rebuilt, and the views and the services' answers are as
 * before.
 */
@DisplayName("disaster drill: delete the stream, restore it from the archive, rebuild every database")
class ArchiveDrillIT {

    private static final List<String> MODULES = List.of("user-service", "billing-service", "projection-service");
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String namespace = TestInfrastructure.newNamespace();
    private final Map<String, String> databases = new HashMap<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private ServiceProcess gateway;

    private void startTheSystem() throws Exception {
        Map<String, String> common = new HashMap<>();
        common.put("NATS_URL", TestInfrastructure.natsUrl());
        common.put("NATS_NAMESPACE", namespace);
        common.put("PGUSER", TestInfrastructure.postgresUser());
        common.put("PGPASSWORD", TestInfrastructure.postgresPassword());
        for (String module : MODULES) {
            Map<String, String> environment = new HashMap<>(common);
            environment.put("SPRING_DATASOURCE_URL", databases.get(module));
            services.add(ServiceProcess.start(module, "drill-" + module, environment));
        }
        gateway = ServiceProcess.start("gateway", "drill-gateway", common);
        services.add(gateway);
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofSeconds(180));
        }
    }

    private void stopTheSystem() throws Exception {
        for (ServiceProcess service : services) {
            service.close();
        }
        services.clear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        stopTheSystem();
        TestInfrastructure.deleteNamespace(namespace);
        for (String database : databases.values()) {
            TestInfrastructure.dropDatabase(database);
        }
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(gateway.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(gateway.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every view, the time of writing cleared. */
    private static Map<String, String> views(KeyValue bucket) throws Exception {
        Map<String, String> views = new TreeMap<>();
        for (String key : bucket.keys()) {
            KeyValueEntry entry = bucket.get(key);
            if (entry == null || entry.getValue() == null) {
                continue;
            }
            byte[] value = entry.getValue();
            if (key.equals(Buckets.PLATFORM_METRICS)) {
                value = PlatformMetricsView.parseFrom(value).toBuilder().clearUpdatedAt().build().toByteArray();
            } else if (key.equals(Buckets.PLATFORM_SUMMARY)) {
                value = PlatformSummaryView.parseFrom(value).toBuilder().clearUpdatedAt().build().toByteArray();
            }
            views.put(key, HexFormat.of().formatHex(value));
        }
        return views;
    }

    private static void dropAndRecreate(String jdbcUrl) throws Exception {
        TestInfrastructure.dropDatabase(jdbcUrl);
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String name = uri.getPath().substring(1);
        try (var connection = DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort()
                + "/postgres", TestInfrastructure.postgresUser(), TestInfrastructure.postgresPassword());
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    /**
     * What user-service answers about each user and their personal organisation, asked as the gateway asks (with the
     * user as the caller).
     */
    private static List<String> answers(NatsConnector connector, List<String> userIds) {
        RpcClient rpc = new RpcClient(connector, Telemetry.none());
        List<String> answers = new ArrayList<>();
        for (String userId : userIds) {
            Caller caller = Caller.newBuilder().setUserId(userId).build();
            UserDetails user = rpc.call(Endpoints.GET_USER, GetUser.newBuilder().setUserId(userId).build(),
                    UserDetails.parser(), UUID.randomUUID().toString(), caller);
            answers.add(user.toString());
            for (var organization : user.getOrganizationsList()) {
                answers.add(rpc.call(Endpoints.GET_ORGANIZATION, GetOrganization.newBuilder()
                        .setOrganizationId(organization.getOrganizationId()).build(), OrganizationDetails.parser(),
                        UUID.randomUUID().toString(), caller).toString());
            }
        }
        return answers;
    }

    @Test
    @DisplayName("given sign-ups, when the stream is lost and restored and every database rebuilt, the views and "
            + "the answers are as before")
    void drill() throws Exception {
        for (String module : MODULES) {
            databases.put(module, TestInfrastructure.newDatabase("drill_" + module.replace("-service", "")));
        }
        startTheSystem();
        List<String> emails = new ArrayList<>();
        List<String> userIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String email = "drill+" + UUID.randomUUID() + "@example.com";
            HttpResponse<String> signup = post("/api/v1/signup", "{\"email\":\"" + email
                    + "\",\"password\":\"correct horse battery\",\"name\":\"Drill " + i + "\"}");
            assertThat(signup.statusCode()).as(signup.body()).isEqualTo(201);
            emails.add(email);
            userIds.add(signup.body().replaceAll("(?s).*\"userId\"\\s*:\\s*\"([^\"]+)\".*", "$1"));
        }
        try (NatsConnector connector = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "",
                namespace, 1, Duration.ofSeconds(10), Duration.ofMinutes(2)), "archive-drill")) {
            connector.awaitConnection(Duration.ofSeconds(10));
            EventStore store = new EventStore(connector, Clock.systemUTC());
            KeyValue bucket = KeyValueBuckets.ensure(connector.connection(), connector.namespace(), Buckets.VIEWS, 1);
            // Every sign-up's events (the user, the personal organisation, its Free plan) reached the views.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                KeyValueEntry summary = bucket.get(Buckets.PLATFORM_SUMMARY);
                return summary != null && PlatformSummaryView.parseFrom(summary.getValue()).getUsers() == 3
                        && PlatformSummaryView.parseFrom(summary.getValue()).getAsOfSequence() > 0;
            });
            var archive = new EventArchive(new JdbcTemplate(new DriverManagerDataSource(
                    databases.get("projection-service"), TestInfrastructure.postgresUser(),
                    TestInfrastructure.postgresPassword())));
            // The policies' later events (each personal organisation, its Free plan) are in, and the views and the
            // archive have all of them: three subscriptions counted at the stream's tail, and for a second neither
            // the tail nor any view moved. A fixed pause instead would race a slow machine.
            long[] tailBefore = {-1};
            List<Map<String, String>> viewsSeen = new ArrayList<>(List.of(Map.of()));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                long tail = store.lastSequence();
                Map<String, String> now = views(bucket);
                KeyValueEntry entry = bucket.get(Buckets.PLATFORM_METRICS);
                PlatformMetricsView metrics = entry == null ? null : PlatformMetricsView.parseFrom(entry.getValue());
                boolean settled = tail == tailBefore[0] && now.equals(viewsSeen.getLast()) && metrics != null
                        && metrics.getAsOfSequence() == tail && archive.lastSequence() == tail
                        && metrics.getActiveSubscriptionsList().stream().mapToLong(PlanCount::getCount).sum() == 3;
                tailBefore[0] = tail;
                viewsSeen.add(now);
                return settled;
            });
            long last = store.lastSequence();
            Map<String, String> viewsBefore = views(bucket);
            List<String> answersBefore = answers(connector, userIds);
            String home = get("/").body();
            stopTheSystem();

            assertThat(archive.lastSequence()).isEqualTo(last);

            // The disaster, then the documented recovery.
            connector.connection().jetStreamManagement().deleteStream(store.streamName());
            assertThat(new ArchiveRestore(archive, store, connector).restore()).isEqualTo(last);
            for (String database : databases.values()) {
                dropAndRecreate(database);
            }
            for (String key : bucket.keys()) {
                bucket.purge(key);
            }
            startTheSystem();

            assertThat(store.lastSequence()).isEqualTo(last);
            await().atMost(Duration.ofSeconds(60)).until(() -> views(bucket).equals(viewsBefore));
            assertThat(answers(connector, userIds)).isEqualTo(answersBefore);
            assertThat(get("/").body()).contains("Drill 0", "Drill 1", "Drill 2");
            assertThat(home).contains("Drill 2");
            // The rebuilt user-service still knows who registered: the same address is taken.
            assertThat(post("/api/v1/signup", "{\"email\":\"" + emails.getFirst()
                    + "\",\"password\":\"correct horse battery\",\"name\":\"Again\"}").statusCode()).isEqualTo(409);
        }
    }
}
