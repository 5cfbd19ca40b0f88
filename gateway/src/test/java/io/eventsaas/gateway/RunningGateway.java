package io.eventsaas.gateway;

import io.eventsaas.platform.testing.TestInfrastructure;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway started in this JVM on a random port against the real NATS server, in the test's namespace, with an
 * HTTP client that does not follow redirects (so a test sees the 302) and keeps no cookies (so a test decides
 * exactly which cookies it sends).
 */
final class RunningGateway implements AutoCloseable {

    static final String SESSION_SECRET = "test-secret-0123456789-abcdefghijklmnop";

    private final ConfigurableApplicationContext context;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private RunningGateway(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** Starts a gateway in the namespace with a short RPC timeout, and waits until it reports ready. */
    static RunningGateway start(String namespace, String... extraProperties) {
        RunningGateway gateway = startWithoutWaiting(TestInfrastructure.natsUrl(), namespace, extraProperties);
        gateway.awaitReady(Duration.ofSeconds(30));
        return gateway;
    }

    static RunningGateway startWithoutWaiting(String natsUrl, String namespace, String... extraProperties) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "nats.url=" + natsUrl,
                "nats.namespace=" + namespace,
                "nats.request-timeout=300ms",
                "gateway.session-secret=" + SESSION_SECRET,
                "spring.main.banner-mode=off"));
        properties.addAll(List.of(extraProperties));
        // As command-line arguments, not builder properties: those are only defaults, and application.yml
        // (server.port: 8080, gateway.session-secret) would quietly win over them.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
                .run(properties.stream().map(property -> "--" + property).toArray(String[]::new));
        return new RunningGateway(context);
    }

    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (get("/actuator/health/readiness").statusCode() == 200) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("gateway not ready within " + timeout + ": "
                + get("/actuator/health/readiness").body());
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    HttpResponse<String> postJson(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Any method with a JSON body, e.g. PUT. */
    HttpResponse<String> send(String method, String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A JSON body sent chunked: no Content-Length, so only reading it can tell how large it is. */
    HttpResponse<String> postJsonChunked(String path, byte[] json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json))));
    }

    HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        return send(request(path, headers).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields, String... headers) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return post(path, "application/x-www-form-urlencoded", body, headers);
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("HTTP request failed: " + e, e);
        }
    }

    /** The value a response sets for a cookie ({@code name=value; attributes}), or null. */
    static String setCookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith(name + "="))
                .findFirst().orElse(null);
    }

    /** Only the {@code name=value} part of a Set-Cookie header, as a browser sends it back. */
    static String cookiePair(HttpResponse<?> response, String name) {
        String header = setCookie(response, name);
        return header == null ? null : header.split(";", 2)[0];
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
