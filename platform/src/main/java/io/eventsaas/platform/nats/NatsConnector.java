package io.eventsaas.platform.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's one NATS connection. Connecting never blocks start-up and never gives up: when the server is
 * not there yet, the connector keeps trying in the background (logging each state change) and the warm-up
 * waits for it, so the instance reports "not ready" instead of dying.
 */
public final class NatsConnector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NatsConnector.class);

    private final NatsProperties properties;
    private final CompletableFuture<Connection> connection = new CompletableFuture<>();
    private final QuietProblems problems = new QuietProblems();

    public NatsConnector(NatsProperties properties, String connectionName) {
        this.properties = properties;
        Options options = options(properties, connectionName);
        log.info("Connecting to NATS at {} as '{}'{}{}", properties.url(), connectionName,
                properties.user().isEmpty() ? "" : " (user " + properties.user() + ")",
                properties.namespace().isEmpty() ? "" : " in namespace '" + properties.namespace() + "'");
        try {
            Nats.connectAsynchronously(options, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the NATS connection", e);
        }
    }

    private Options options(NatsProperties properties, String connectionName) {
        Options.Builder builder = Options.builder()
                .servers(properties.url().split("\\s*,\\s*"))
                .connectionName(connectionName)
                // Replies come to this service's own inboxes, so the server's permissions can allow each service
                // its own replies and nobody else's (deploy/nats/auth.conf).
                .inboxPrefix(properties.inboxPrefixFor(connectionName))
                .maxReconnects(-1)
                .reconnectWait(Duration.ofSeconds(1))
                .connectionTimeout(Duration.ofSeconds(5))
                // A request that meets no responder or times out says which, instead of returning null.
                .advancedRequestBehavior()
                // Messages of one subscription are handled on the executor, several at a time: RPC endpoints
                // serve requests concurrently instead of on one dispatcher thread.
                .useDispatcherWithExecutor()
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectionListener(this::onConnectionEvent)
                .errorListener(new LoggingErrorListener(problems));
        if (!properties.creds().isBlank()) {
            builder.authHandler(Nats.credentials(properties.creds()));
        } else if (!properties.user().isEmpty()) {
            builder.userInfo(properties.user(), properties.password());
        }
        return builder.build();
    }

    private void onConnectionEvent(Connection conn, ConnectionListener.Events event) {
        switch (event) {
            case CONNECTED -> {
                problems.clear();
                log.info("NATS connected to {}", conn.getConnectedUrl());
                connection.complete(conn);
            }
            case DISCONNECTED -> problems.report("NATS is not reachable at " + properties.url() + "; reconnecting");
            case RECONNECTED -> {
                // Also the first connection when the server was not there at start (reconnect-on-connect).
                problems.clear();
                log.info("NATS reconnected to {}", conn.getConnectedUrl());
                connection.complete(conn);
            }
            case CLOSED -> log.info("NATS connection closed");
            default -> log.debug("NATS connection event {}", event);
        }
    }

    /** The connection, once it has connected for the first time; afterwards it reconnects by itself. */
    public Connection connection() {
        Connection conn = connection.getNow(null);
        if (conn == null) {
            throw new NatsUnavailableException("not connected to NATS at " + properties.url() + " yet");
        }
        return conn;
    }

    /** Waits up to {@code timeout} for the first connection. */
    public Connection awaitConnection(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return connection.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public boolean isConnected() {
        Connection conn = connection.getNow(null);
        return conn != null && conn.getStatus() == Connection.Status.CONNECTED;
    }

    public NatsProperties properties() {
        return properties;
    }

    public Namespace namespace() {
        return properties.namespaceObject();
    }

    @Override
    public void close() throws InterruptedException {
        Connection conn = connection.getNow(null);
        if (conn != null) {
            conn.close();
        }
    }

    /** Thrown when NATS is needed before the first connection exists. */
    public static final class NatsUnavailableException extends RuntimeException {
        public NatsUnavailableException(String message) {
            super(message);
        }
    }

    private record LoggingErrorListener(QuietProblems problems) implements ErrorListener {
        @Override
        public void errorOccurred(Connection conn, String error) {
            log.warn("NATS server error: {}", error);
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            problems.report("NATS connection problem: " + exp);
        }
    }

    /**
     * Logs a connection problem once, then again only when it changes or every 30 seconds: a server that stays
     * away for an hour must not write a line per reconnect attempt.
     */
    private static final class QuietProblems {
        private static final long REPEAT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        private final java.util.Map<String, long[]> seen = new java.util.HashMap<>(); // problem -> {loggedAt, since}

        synchronized void report(String problem) {
            long now = System.nanoTime();
            long[] entry = seen.get(problem);
            if (entry != null && now - entry[0] < REPEAT_NANOS) {
                entry[1]++;
                return;
            }
            long repeats = entry == null ? 0 : entry[1];
            log.warn("{}{}", problem, repeats > 0 ? " (" + repeats + " times since the last report)" : "");
            seen.put(problem, new long[] {now, 0});
        }

        synchronized void clear() {
            seen.clear();
        }
    }
}
