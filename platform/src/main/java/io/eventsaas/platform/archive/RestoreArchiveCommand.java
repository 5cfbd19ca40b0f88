package io.eventsaas.platform.archive;

import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The documented restore command (docs/projections.md): re-publishes the archive into an empty EVENTS stream.
 * Configured by environment variables: {@code ARCHIVE_JDBC_URL} (default the projection database on PGHOST),
 * {@code PGUSER}, {@code PGPASSWORD}, {@code NATS_URL}, {@code NATS_CREDS}, {@code NATS_NAMESPACE},
 * {@code NATS_REPLICAS}. Needs a NATS user allowed to create the stream and publish to {@code events.>} (the
 * operators' {@code admin} user), never a service's.
 */
public final class RestoreArchiveCommand {

    private RestoreArchiveCommand() {
    }

    public static void main(String[] args) throws Exception {
        String jdbcUrl = env("ARCHIVE_JDBC_URL", "jdbc:postgresql://" + env("PGHOST", "127.0.0.1") + ":"
                + env("PGPORT", "5432") + "/eventsaas_projections");
        var dataSource = new DriverManagerDataSource(jdbcUrl, env("PGUSER", "postgres"), env("PGPASSWORD", ""));
        NatsProperties properties = new NatsProperties(env("NATS_URL", "nats://127.0.0.1:4222"),
                env("NATS_CREDS", ""), env("NATS_NAMESPACE", ""), Integer.parseInt(env("NATS_REPLICAS", "1")),
                Duration.ofSeconds(10), Duration.ofMinutes(2));
        try (NatsConnector connector = new NatsConnector(properties, "restore-archive")) {
            connector.awaitConnection(Duration.ofSeconds(30));
            EventStore store = new EventStore(connector, Clock.systemUTC());
            long published = new ArchiveRestore(new EventArchive(new JdbcTemplate(dataSource)), store, connector)
                    .restore();
            System.out.println("Restored " + published + " messages; the stream's last sequence is "
                    + store.lastSequence());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
