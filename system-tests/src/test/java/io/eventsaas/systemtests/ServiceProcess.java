package io.eventsaas.systemtests;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One service running from its runnable jar as a separate process, exactly as {@code bin/dev} or a container runs
 * it: configured only through environment variables, logging to {@code target/system-tests/<name>.log}.
 */
record ServiceProcess(String name, int port, LoggedProcess process) implements AutoCloseable {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Starts {@code java -jar} on the jar that Maven built for this module (see the failsafe configuration). */
    static ServiceProcess start(String module, Map<String, String> environment) throws IOException {
        return start(module, module, environment);
    }

    /** The same, logging to {@code target/system-tests/<logName>.log} (several tests start the same module). */
    static ServiceProcess start(String module, String logName, Map<String, String> environment) throws IOException {
        String jar = System.getProperty("jar." + module);
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("no runnable jar for " + module + " (system property jar." + module
                    + " = " + jar + "); run the tests through ./mvnw verify");
        }
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        Map<String, String> withPort = new HashMap<>(environment);
        withPort.put("SERVER_PORT", Integer.toString(port));
        return new ServiceProcess(module, port, LoggedProcess.start(module, logName,
                List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", jar), withPort));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Waits for {@code /actuator/health/readiness} to answer 200. */
    void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            process.requireAlive();
            if (readinessStatus() == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + process.logFile());
    }

    /** What the process has logged so far. */
    String log() throws IOException {
        return process.log();
    }

    int readinessStatus() {
        try {
            return http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.stop(false);
    }

    @Override
    public String toString() {
        return name + " on port " + port;
    }
}
