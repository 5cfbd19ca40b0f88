package io.eventsaas.platform.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.testing.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The projection runtime against a real JetStream server and a real PostgreSQL database. */
class ProjectionRunnerIT {

    private static String namespace;
    private static String database;
    private static NatsConnector connector;
    private static EventStore store;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transactions;

    @BeforeAll
    static void setUp() throws Exception {
        namespace = TestInfrastructure.newNamespace();
        database = TestInfrastructure.newDatabase("projection_runner");
        connector = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", namespace, 1,
                Duration.ofSeconds(5), Duration.ofMinutes(10)), "projection-runner-test");
        connector.awaitConnection(Duration.ofSeconds(10));
        store = new EventStore(connector, Clock.systemUTC());
        store.ensureStream();
        var dataSource = new DriverManagerDataSource(database, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword());
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        connector.close();
        TestInfrastructure.dropDatabase(database);
        TestInfrastructure.deleteNamespace(namespace);
    }

    /** Remembers the order in which it was given events. */
    private static final class Recording implements Projection {
        final List<Long> sequences = new ArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public boolean handles(String eventType) {
            return true;
        }

        @Override
        public synchronized void apply(RecordedEvent event) {
            sequences.add(event.streamSequence());
        }
    }

    @Test
    @DisplayName("given 20,000 events, when a projection replays them from an empty database, then it applies "
            + "every one exactly once, in stream order, within seconds")
    void replaysEveryEventInOrder() throws Exception {
        int events = 20000;
        for (int i = 0; i < events; i++) {
            String id = "thing-" + (i % 1000);
            store.append(new Append("thing", id, store.versionOf("thing", id), "m-" + i, "c", "m-" + i,
                    List.of(new NewEvent("ThingHappened", 1, new byte[] {(byte) i}))));
        }
        long last = store.lastSequence();
        Recording projection = new Recording();

        long started = System.nanoTime();
        try (ProjectionRunner runner = new ProjectionRunner(projection, store, connector, new Checkpoints(jdbc),
                transactions)) {
            runner.catchUp();
            runner.awaitPosition(last, Duration.ofSeconds(30));
        }
        Duration replay = Duration.ofNanos(System.nanoTime() - started);

        assertThat(projection.sequences).containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
        // Thousands of events per second even on a small machine; a consumer that resets over and over (events
        // handled out of order) took minutes here.
        assertThat(replay).isLessThan(Duration.ofSeconds(60));
    }
}
