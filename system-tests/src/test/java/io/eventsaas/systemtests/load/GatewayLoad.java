package io.eventsaas.systemtests.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load generator for a running system (bin/dev or docker compose): concurrent clients call the gateway's JSON
 * API for a while, then it prints throughput, latency percentiles and answers by status.
 * <ul>
 * <li>{@code signup}: every request signs up a new user: gateway -> NATS -> user-service (e-mail claim in KV,
 * Argon2id hash, append, wait for the read model) -> reply. Argon2id is meant to be slow: it bounds this one.
 * <li>{@code get-user}: every request reads one user: gateway -> NATS -> user-service read model -> reply.
 * </ul>
 * <pre>
 * ./mvnw -q -pl system-tests exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.eventsaas.systemtests.load.GatewayLoad -Dexec.args="http://localhost:8080 signup 16 20"
 * </pre>
 * Arguments: gateway URL (http://localhost:8080), scenario (signup), concurrent clients (16), seconds (20).
 */
public final class GatewayLoad {

    public static void main(String[] args) throws Exception {
        URI gateway = URI.create(args.length > 0 ? args[0] : "http://localhost:8080");
        String scenario = args.length > 1 ? args[1] : "signup";
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Duration duration = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 20);
        if (!scenario.equals("signup") && !scenario.equals("get-user")) {
            throw new IllegalArgumentException("scenario must be signup or get-user, not " + scenario);
        }

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        long deadline = System.nanoTime() + duration.toNanos();

        HttpClient setup = HttpClient.newHttpClient();
        String[] reader = scenario.equals("get-user") ? signUp(setup, gateway, run) : null;
        String userPath = reader != null ? "/api/v1/users/" + reader[0] : null;
        String bearer = reader != null ? "Bearer " + reader[1] : null;
        System.out.printf("%s at %s with %d clients for %d s ...%n", scenario, gateway, clients, duration.toSeconds());
        long started = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                pool.submit(() -> {
                    for (int i = 0; System.nanoTime() < deadline; i++) {
                        HttpRequest request = userPath != null
                                ? HttpRequest.newBuilder(gateway.resolve(userPath)).header("Authorization", bearer)
                                        .timeout(Duration.ofSeconds(30)).build()
                                : signupRequest(gateway, run + "-" + client + "-" + i);
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (Exception e) {
                            status = -1;
                        }
                        latenciesMicros.add((System.nanoTime() - t0) / 1_000);
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        long[] sorted = latenciesMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        int ok = statuses.getOrDefault(userPath == null ? 201 : 200, new AtomicInteger()).get();
        System.out.printf("%d requests in %.1f s: %.1f requests/s (successful: %.1f/s)%n", sorted.length, seconds,
                sorted.length / seconds, ok / seconds);
        System.out.printf("latency ms: p50 %.1f  p90 %.1f  p95 %.1f  p99 %.1f  max %.1f%n", percentile(sorted, 50),
                percentile(sorted, 90), percentile(sorted, 95), percentile(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0);
        System.out.println("answers by status: " + new TreeMap<>(statuses));
        System.out.println("cores on this machine: " + Runtime.getRuntime().availableProcessors());
        if (ok == 0) {
            System.exit(1);
        }
    }

    private static HttpRequest signupRequest(URI gateway, String unique) {
        String body = "{\"email\":\"load-" + unique + "@example.com\","
                + "\"password\":\"correct horse battery staple\",\"name\":\"Load " + unique + "\"}";
        return HttpRequest.newBuilder(gateway.resolve("/api/v1/signup"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Signs one user up and returns its id and bearer token (the user the get-user scenario reads, as itself). */
    private static String[] signUp(HttpClient http, URI gateway, String run) throws Exception {
        HttpResponse<String> response = http.send(signupRequest(gateway, run + "-reader"),
                HttpResponse.BodyHandlers.ofString());
        var matcher = java.util.regex.Pattern.compile("\"userId\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        var token = java.util.regex.Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 201 || !matcher.find() || !token.find()) {
            throw new IllegalStateException("sign-up failed: " + response.statusCode() + " " + response.body());
        }
        return new String[] {matcher.group(1), token.group(1)};
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1000.0;
    }

    private GatewayLoad() {
    }
}
