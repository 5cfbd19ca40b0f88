package io.eventsaas.platform.testing;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Real NATS JetStream and real PostgreSQL for integration tests, found in this order: the environment
 * ({@code NATS_URL}; {@code TEST_PG_URL}, {@code TEST_PG_USER}, {@code TEST_PG_PASSWORD}), a server already
 * listening on localhost (4222, 5432), or a Testcontainers container when Docker is there. When none is
 * reachable the test fails and says how to get one.
 *
 * <p>Tests isolate themselves: each takes a fresh {@link #newNamespace() namespace} (its own stream, buckets and
 * subjects) and a fresh database, so they pass beside a running {@code bin/dev}.
 */
public final class TestInfrastructure {

    private static volatile String natsUrl;
    private static volatile PostgresServer postgres;

    private TestInfrastructure() {
    }

    /** The URL of a NATS server with JetStream. */
    public static synchronized String natsUrl() {
        if (natsUrl == null) {
            natsUrl = findNats();
        }
        return natsUrl;
    }

    /** A fresh namespace, e.g. {@code t3fa9c2d1}: a stream, buckets and subjects nobody else uses. */
    public static String newNamespace() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String newDatabase(String hint) {
        PostgresServer server = postgres();
        String name = (hint.replaceAll("[^a-z0-9_]", "_") + "_" + newNamespace()).toLowerCase();
        server.execute("CREATE DATABASE " + name);
        return server.urlOf(name);
    }

    /** Drops every connection to a database and the database itself (what an operator does to force a rebuild). */
    public static void dropDatabase(String jdbcUrl) {
        postgres().execute("DROP DATABASE IF EXISTS " + databaseName(jdbcUrl) + " WITH (FORCE)");
    }

    /**
     * Drops a database and creates an empty one under the same name: what an operator does to make a service rebuild
     * its database from the stream, without touching its configuration.
     */
    public static void recreateEmptyDatabase(String jdbcUrl) {
        dropDatabase(jdbcUrl);
        postgres().execute("CREATE DATABASE " + databaseName(jdbcUrl));
    }

    private static String databaseName(String jdbcUrl) {
        return URI.create(jdbcUrl.substring("jdbc:".length())).getPath().substring(1);
    }

    public static String postgresUser() {
        return postgres().user();
    }

    public static String postgresPassword() {
        return postgres().password();
    }

    /** Deletes the streams and buckets of a namespace (they are the test's own). */
    public static void deleteNamespace(String namespace) {
        try (Connection nc = Nats.connect(Options.builder().server(natsUrl()).build())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            for (String stream : jsm.getStreamNames()) {
                if (stream.startsWith(namespace + "_") || stream.startsWith("KV_" + namespace + "_")) {
                    jsm.deleteStream(stream);
                }
            }
        } catch (Exception e) {
            System.err.println("could not clean up namespace " + namespace + ": " + e);
        }
    }

    private static String findNats() {
        String fromEnv = System.getenv("NATS_URL");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        if (listening("127.0.0.1", 4222)) {
            return "nats://127.0.0.1:4222";
        }
        if (dockerAvailable()) {
            GenericContainer<?> nats = new GenericContainer<>("nats:2.14-alpine")
                    .withCommand("-js")
                    .withExposedPorts(4222);
            nats.start();
            return "nats://" + nats.getHost() + ":" + nats.getMappedPort(4222);
        }
        throw new IllegalStateException("""
                No NATS server for the integration tests. Start one with JetStream on localhost:4222
                (nats-server -js, or `bash .ci/run`, which installs and starts it), set NATS_URL, or start Docker \
                so Testcontainers can run one.""");
    }

    private static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = findPostgres();
        }
        return postgres;
    }

    private static PostgresServer findPostgres() {
        String url = System.getenv("TEST_PG_URL");
        if (url != null && !url.isBlank()) {
            return new PostgresServer(url, env("TEST_PG_USER", "postgres"), env("TEST_PG_PASSWORD", ""));
        }
        if (listening("127.0.0.1", 5432)) {
            return new PostgresServer("jdbc:postgresql://127.0.0.1:5432/postgres", env("TEST_PG_USER", "postgres"),
                    env("TEST_PG_PASSWORD", ""));
        }
        if (dockerAvailable()) {
            PostgreSQLContainer pg = new PostgreSQLContainer("postgres:17-alpine");
            pg.start();
            return new PostgresServer(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword());
        }
        throw new IllegalStateException("""
                No PostgreSQL server for the integration tests. Start one on localhost:5432 that user postgres can \
                use without a password (`bash .ci/run` installs and starts one), set TEST_PG_URL, TEST_PG_USER \
                and TEST_PG_PASSWORD, or start Docker so Testcontainers can run one.""");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Duration.ofMillis(300).toMillis());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private record PostgresServer(String adminUrl, String user, String password) {

        void execute(String sql) {
            try (var connection = DriverManager.getConnection(adminUrl, user, password);
                    var statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
            }
        }

        /** The same server, another database. */
        String urlOf(String database) {
            URI uri = URI.create(adminUrl.substring("jdbc:".length()));
            String query = uri.getQuery() == null ? "" : "?" + uri.getQuery();
            return "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + "/" + database + query;
        }
    }
}
