package io.eventsaas.projections;

import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.platform.testing.ServiceInstance;
import io.eventsaas.projections.store.SummaryStore;
import io.eventsaas.projections.summary.PlatformSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One projection-service instance in this JVM, in the test's namespace and with a database of its own. */
final class ProjectionServiceInstance extends ServiceInstance {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ProjectionServiceInstance(String namespace, String databaseUrl, String... moreProperties) {
        super(ProjectionServiceApplication.class, namespace, databaseUrl, moreProperties);
    }

    /** Starts an instance and returns at once: it warms up in the background. */
    static ProjectionServiceInstance start(String namespace, String databaseUrl, String... moreProperties) {
        return new ProjectionServiceInstance(namespace, databaseUrl, moreProperties);
    }

    /** The HTTP status of {@code /actuator/health/readiness} and its body. */
    Readiness readiness() {
        HttpResponse<String> response = get("/actuator/health/readiness");
        return new Readiness(response.statusCode(), response.body());
    }

    HttpResponse<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
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
        return runner("platformSummaryRunner");
    }

    /** The summary as this instance's own database holds it. */
    PlatformSummary summary() {
        return bean(SummaryStore.class).load();
    }

    ProjectionRunner runner(String beanName) {
        return bean(beanName, ProjectionRunner.class);
    }

    record Readiness(int status, String body) {
    }
}
