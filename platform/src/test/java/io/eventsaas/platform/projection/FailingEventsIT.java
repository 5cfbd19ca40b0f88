package io.eventsaas.platform.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.observability.Telemetry;
import io.eventsaas.platform.testing.TestDatabase;
import io.eventsaas.platform.testing.TestNamespace;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** What the runner does with events it cannot apply: skip and count, park, or stop at them until a retry. */
@DisplayName("projection runner and events it cannot apply")
class FailingEventsIT {

    @RegisterExtension
    final TestDatabase database = new TestDatabase("failing_events");
    @RegisterExtension
    final TestNamespace nats = new TestNamespace("failing-events-test");
    private NatsConnector connector;
    private EventStore store;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private volatile boolean poisonBreaks = true;

    @BeforeEach
    void setUp() throws Exception {
        connector = nats.connector();
        store = new EventStore(connector, Clock.systemUTC());
        store.ensureStream();
        jdbc = database.jdbc();
        transactions = database.transactions();
        jdbc.execute("CREATE TABLE seen (projection text, seq bigint, type text, PRIMARY KEY (projection, seq))");
    }

    /** Records ThingMade and Poison events; Poison throws while {@link #poisonBreaks}. */
    private final class Recording implements Projection {
        private final String name;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean handles(String eventType) {
            return eventType.equals("ThingMade") || eventType.equals("Poison");
        }

        @Override
        public boolean knows(String eventType) {
            return handles(eventType);
        }

        @Override
        public int newestSchemaVersion(String eventType) {
            return 1;
        }

        @Override
        public void apply(RecordedEvent event) {
            if (name.startsWith("fragile") && event.type().equals("Poison") && poisonBreaks) {
                throw new IllegalStateException("cannot handle poison yet");
            }
            if (event.payload().length > 0 && event.payload()[0] == '!') {
                throw new UnreadableEventException("payload starts with '!'", null);
            }
            jdbc.update("INSERT INTO seen VALUES (?, ?, ?)", name, event.streamSequence(), event.type());
        }
    }

    private ProjectionRunner runner(String name) {
        return new ProjectionRunner(new Recording(name), store, connector, new Checkpoints(jdbc), transactions,
                Telemetry.of(meters)).retryPolicy(3, Duration.ofMillis(10));
    }

    private long append(String type, int version, String payload) {
        String id = UUID.randomUUID().toString();
        return store.append(new Append("thing", id, 0, id, null, id,
                List.of(new NewEvent(type, version, payload.getBytes(StandardCharsets.UTF_8))))).sequence();
    }

    private int seen(String projection) {
        return jdbc.queryForObject("SELECT count(*) FROM seen WHERE projection = ?", Integer.class, projection);
    }

    private double skipped(String projection, String reason) {
        return meters.find(ProjectionRunner.SKIPPED_COUNTER).tag("projection", projection).tag("reason", reason)
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    @DisplayName("an event whose handling keeps failing stops that read model at it (readiness and a metric say so) "
            + "while another goes on; after the fix, a retry applies it and the model catches up")
    void stuckThenRetried() throws Exception {
        for (int i = 0; i < 10; i++) {
            append("ThingMade", 1, "x");
        }
        long poison = append("Poison", 1, "x");
        long last = 0;
        for (int i = 0; i < 5; i++) {
            last = append("ThingMade", 1, "x");
        }
        long end = last;
        try (ProjectionRunner fragile = runner("fragile-v1"); ProjectionRunner healthy = runner("healthy-v1")) {
            ProjectionsHealth health = new ProjectionsHealth(List.of(fragile, healthy));
            fragile.start();
            healthy.catchUp();
            assertThat(seen("healthy-v1")).isEqualTo(16);

            await().atMost(Duration.ofSeconds(20)).until(() -> fragile.stuck().isPresent());
            assertThat(fragile.stuck().orElseThrow().sequence()).isEqualTo(poison);
            assertThat(fragile.position()).isEqualTo(poison - 1);
            assertThat(seen("fragile-v1")).isEqualTo(10);
            assertThat(meters.get("eventsaas.projection.stuck").tag("projection", "fragile-v1").gauge().value())
                    .isEqualTo(1);
            assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(new Checkpoints(jdbc).parked().list(false)).singleElement()
                    .satisfies(p -> assertThat(p.status() + "@" + p.streamSequence()).isEqualTo("stuck@" + poison));
            // A request waiting for the read model learns why it waits in vain.
            assertThatThrownBy(() -> fragile.awaitPosition(poison, Duration.ofMillis(50)))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class)
                    .hasMessageContaining("is at " + (poison - 1) + ", not yet at " + poison)
                    .hasMessageContaining("stuck at " + poison);

            poisonBreaks = false; // the fix
            fragile.retry();

            await().atMost(Duration.ofSeconds(20)).until(() -> fragile.position() == end);
            assertThat(fragile.stuck()).isEmpty();
            assertThat(seen("fragile-v1")).isEqualTo(16);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(new Checkpoints(jdbc).parked().list(false)).isEmpty();
        }
    }

    @Test
    @DisplayName("an unknown type and a newer schema version are skipped and counted; a corrupt message and an "
            + "unreadable payload are parked and counted; none stops the read model")
    void skippedAndParked() throws Exception {
        append("ThingMade", 1, "x");
        append("FromTheFuture", 1, "x");
        append("ThingMade", 2, "x");
        append("ThingMade", 1, "!unreadable");
        String subject = store.subjectOf("thing", UUID.randomUUID().toString());
        long corrupt = connector.connection().jetStream().publish(NatsMessage.builder().subject(subject)
                .headers(new Headers().put("Event-Types", "ThingMade")).data(new byte[] {(byte) 0xff, 1, 2}).build())
                .getSeqno();
        long last = append("ThingMade", 1, "x");

        try (ProjectionRunner runner = runner("healthy-v1")) {
            runner.catchUp();
            assertThat(runner.position()).isEqualTo(last);
            assertThat(runner.stuck()).isEmpty();
        }
        assertThat(seen("healthy-v1")).isEqualTo(2);
        assertThat(skipped("healthy-v1", "unknown-type")).isEqualTo(1);
        assertThat(skipped("healthy-v1", "newer-schema-version")).isEqualTo(1);
        assertThat(skipped("healthy-v1", "malformed")).isEqualTo(2);
        assertThat(new Checkpoints(jdbc).parked().list(false)).extracting(ParkedEvent::status)
                .containsExactly("parked", "parked");
        assertThat(new Checkpoints(jdbc).parked().list(false)).extracting(ParkedEvent::streamSequence)
                .contains(corrupt);
    }
}
