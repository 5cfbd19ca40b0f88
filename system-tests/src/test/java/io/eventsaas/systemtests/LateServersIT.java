package io.eventsaas.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventsaas.platform.testing.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A service started before NATS and PostgreSQL are there must not die: it waits, says what it waits for, reports
 * not ready, and becomes ready once they appear.
 */
class LateServersIT {

    private static final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("user-service started without NATS and PostgreSQL stays alive and not ready, then warms up when they come")
    void waitsForLateServers() throws Exception {
        String namespace = TestInfrastructure.newNamespace();
        String database = TestInfrastructure.newDatabase("late");
        URI natsUri = URI.create(TestInfrastructure.natsUrl());
        URI databaseUri = URI.create(database.substring("jdbc:".length()));
        try (TcpForwarder nats = new TcpForwarder(ServiceProcess.freePort(), natsUri.getHost(), natsUri.getPort());
                TcpForwarder postgres = new TcpForwarder(ServiceProcess.freePort(), databaseUri.getHost(),
                        databaseUri.getPort());
                ServiceProcess service = ServiceProcess.start("user-service", Map.of(
                        "NATS_URL", "nats://127.0.0.1:" + nats.port(),
                        "NATS_NAMESPACE", namespace,
                        "SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + postgres.port()
                                + databaseUri.getPath(),
                        "PGUSER", TestInfrastructure.postgresUser(),
                        "PGPASSWORD", TestInfrastructure.postgresPassword()))) {

            await().atMost(Duration.ofSeconds(60)).until(() -> liveness(service) == 200);
            Thread.sleep(3000); // several warm-up attempts fail meanwhile
            assertThat(service.readinessStatus()).isEqualTo(503);
            assertThat(readiness(service)).contains("migrate the database").contains("refused");

            postgres.open();
            await().atMost(Duration.ofSeconds(30)).until(() -> readiness(service).contains("connect to NATS"));
            assertThat(service.readinessStatus()).isEqualTo(503);

            nats.open();
            service.awaitReady(Duration.ofSeconds(60));
        } finally {
            TestInfrastructure.deleteNamespace(namespace);
            TestInfrastructure.dropDatabase(database);
        }
    }

    private static int liveness(ServiceProcess service) {
        try {
            return http.send(HttpRequest.newBuilder(service.uri("/actuator/health/liveness")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String readiness(ServiceProcess service) throws Exception {
        return http.send(HttpRequest.newBuilder(service.uri("/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
