package io.eventsaas.projections;

import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.eventsaas.projections.store.SummaryStore;
import io.eventsaas.projections.summary.PlatformSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One instance of projection-service against the real servers, in the test's namespace, with its own database,
 * on a free port: several can run side by side, and beside {@code bin/dev}.
 */
final class ProjectionServiceInstance implements AutoCloseable {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ConfigurableApplicationContext context;
    private final int port;

    private ProjectionServiceInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Starts an instance and returns at once: it warms up in the background. */
    static ProjectionServiceInstance start(String namespace, String databaseUrl) {
        // Command-line arguments outrank the environment, so a developer's NATS_NAMESPACE cannot leak in.
        return new ProjectionServiceInstance(new SpringApplicationBuilder(ProjectionServiceApplication.class)
                .run("--server.port=0",
                        "--nats.url=" + TestInfrastructure.natsUrl(),
                        "--nats.namespace=" + namespace,
                        "--spring.datasource.url=" + databaseUrl,
                        "--spring.datasource.username=" + TestInfrastructure.postgresUser(),
                        "--spring.datasource.password=" + TestInfrastructure.postgresPassword()));
    }

    /** The HTTP status of {@code /actuator/health/readiness} and its body. */
    Readiness readiness() {
        HttpResponse<String> response = get("/actuator/health/readiness");
        return new Readiness(response.statusCode(), response.body());
    }

    HttpResponse<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean isReady() {
        return readiness().status() == 200;
    }

    ProjectionRunner runner() {
        return context.getBean("platformSummaryRunner", ProjectionRunner.class);
    }

    /** The summary as this instance's own database holds it. */
    PlatformSummary summary() {
        return context.getBean(SummaryStore.class).load();
    }

    ProjectionRunner runner(String beanName) {
        return context.getBean(beanName, ProjectionRunner.class);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }

    record Readiness(int status, String body) {
    }
}
