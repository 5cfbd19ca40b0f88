package io.eventsaas.platform.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.testing.TestDatabase;
import io.eventsaas.platform.testing.TestNamespace;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The projection runtime against real JetStream and PostgreSQL. */
class ProjectionRunnerIT {

    @RegisterExtension
    final TestDatabase database = new TestDatabase("projection_runner");
    @RegisterExtension
    final TestNamespace nats = new TestNamespace("projection-test");
    private NatsConnector connector;
    private EventStore store;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private final java.util.concurrent.atomic.AtomicInteger outOfOrder = new java.util.concurrent.atomic.AtomicInteger();
    private volatile long lastApplied;

    @BeforeEach
    void setUp() throws Exception {
        connector = nats.connector();
        store = new EventStore(connector, Clock.systemUTC());
        store.ensureStream();
        jdbc = database.jdbc();
        transactions = database.transactions();
        jdbc.execute("CREATE TABLE seen (seq bigint, idx int, type text, PRIMARY KEY (seq, idx))");
    }

    /** Records every event it is given; a second application of one event would break the primary key. */
    private final class SeenProjection implements Projection {
        @Override
        public String name() {
            return "seen-v1";
        }

        @Override
        public boolean handles(String eventType) {
            return !eventType.equals("Ignored");
        }

        @Override
        public void apply(RecordedEvent event) {
            if (event.streamSequence() < lastApplied) {
                outOfOrder.incrementAndGet();
            }
            lastApplied = event.streamSequence();
            jdbc.update("INSERT INTO seen (seq, idx, type) VALUES (?, ?, ?)", event.streamSequence(),
                    event.indexInCommit(), event.type());
        }
    }

    private ProjectionRunner runner() {
        return new ProjectionRunner(new SeenProjection(), store, connector, new Checkpoints(jdbc), transactions);
    }

    private long appendEvents(int count, String type) {
        long last = 0;
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            last = store.append(new Append("thing", id, 0, id, null, id,
                    List.of(new NewEvent(type, 1, "x".getBytes(StandardCharsets.UTF_8))))).sequence();
        }
        return last;
    }

    /** Appends from several threads, so the stream fills fast; returns the highest sequence. */
    private long appendEventsConcurrently(int count, String type) throws Exception {
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Long>>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> appendEvents(count / 8, type)));
            }
            long last = 0;
            for (var future : futures) {
                last = Math.max(last, future.get());
            }
            return last;
        }
    }

    private int seen() {
        return jdbc.queryForObject("SELECT count(*) FROM seen", Integer.class);
    }

    @Test
    @DisplayName("an empty database replays from the first event, in stream order; the checkpoint is stored with the rows")
    void replaysFromTheStart() throws Exception {
        long last = appendEventsConcurrently(3000, "ThingMade");
        appendEvents(5, "Ignored");

        try (ProjectionRunner runner = runner()) {
            runner.catchUp();

            assertThat(seen()).isEqualTo(3000);
            assertThat(outOfOrder.get()).isZero();
            assertThat(new Checkpoints(jdbc).read("seen-v1")).isEqualTo(last + 5);
            assertThat(runner.isCaughtUp()).isTrue();
        }
    }

    @Test
    @DisplayName("a restart resumes after the checkpoint: nothing applied twice, nothing skipped")
    void resumesAfterCheckpoint() throws Exception {
        appendEvents(100, "ThingMade");
        try (ProjectionRunner runner = runner()) {
            runner.catchUp();
        }
        long last = appendEvents(50, "ThingMade");

        try (ProjectionRunner runner = runner()) {
            runner.catchUp();
            runner.awaitPosition(last, Duration.ofSeconds(10));
        }

        assertThat(seen()).isEqualTo(150);
    }

    @Test
    @DisplayName("a read model built from a stream that was since deleted and created again refuses to start and says "
            + "why, even once the new stream is longer; emptied, it rebuilds from the new stream")
    void refusesACheckpointFromAnotherStream() throws Exception {
        appendEvents(5, "ThingMade");
        try (ProjectionRunner runner = runner()) {
            runner.catchUp();
        }
        connector.connection().jetStreamManagement().deleteStream(store.streamName());
        store.ensureStream();
        long last = appendEvents(8, "ThingMade"); // past the old checkpoint: the sequences alone would not tell

        try (ProjectionRunner runner = runner()) {
            assertThatThrownBy(runner::catchUp).isInstanceOf(ForeignStreamException.class)
                    .hasMessageContaining("built from another stream").hasMessageContaining("drop or empty this service's database").hasMessageContaining("checkpoint is sequence 5")
                    .hasMessageContaining("last sequence " + last);
            assertThat(runner.isCaughtUp()).as("never ready on another stream's checkpoint").isFalse();
        }
        assertThat(seen()).as("nothing of the new stream applied on top of the old rows").isEqualTo(5);

        jdbc.execute("DELETE FROM seen");
        jdbc.execute("DELETE FROM projection_checkpoint");
        try (ProjectionRunner runner = runner()) {
            runner.catchUp();
            assertThat(runner.position()).isEqualTo(last);
        }
        assertThat(seen()).isEqualTo(8);
    }

    @Test
    @DisplayName("events appended after catch-up arrive, and awaitPosition returns once they are committed")
    void followsLiveEvents() throws Exception {
        try (ProjectionRunner runner = runner()) {
            runner.catchUp();
            assertThat(runner.isCaughtUp()).isTrue(); // an empty stream is caught up at once

            long sequence = appendEvents(1, "ThingMade");
            runner.awaitPosition(sequence, Duration.ofSeconds(10));

            assertThat(jdbc.queryForObject("SELECT count(*) FROM seen WHERE seq = ?", Integer.class, sequence))
                    .isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a runner is not caught up before it has applied what the stream held at its start")
    void notCaughtUpBeforeReplay() throws Exception {
        long last = appendEvents(2000, "ThingMade");
        // Hold the checkpoint row lock so the runner cannot commit its first batch yet.
        new Checkpoints(jdbc).ensureTable();
        var blocker = new CompletableFuture<Void>();
        var locked = new CompletableFuture<Void>();
        Thread holder = Thread.ofPlatform().start(() -> transactions.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO projection_checkpoint (projection, last_sequence) VALUES ('seen-v1', 0)");
            locked.complete(null);
            blocker.join();
        }));
        locked.get(5, TimeUnit.SECONDS);

        try (ProjectionRunner runner = runner()) {
            runner.start();
            Thread.sleep(500);
            assertThat(runner.isCaughtUp()).isFalse();
            assertThat(runner.position()).isLessThan(last);

            blocker.complete(null);
            holder.join();
            runner.catchUp();
            assertThat(runner.isCaughtUp()).isTrue();
            assertThat(seen()).isEqualTo(2000);
        }
    }

    @Test
    @DisplayName("two instances sharing one database apply every event exactly once between them")
    void twoInstancesShareADatabase() throws Exception {
        long last = appendEvents(500, "ThingMade");
        try (ProjectionRunner first = runner(); ProjectionRunner second = runner()) {
            first.start();
            second.start();
            first.catchUp();
            second.catchUp();
            long more = appendEvents(100, "ThingMade");
            first.awaitPosition(more, Duration.ofSeconds(10));
            second.awaitPosition(more, Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(5)).until(() -> seen() == 600);
            assertThat(more).isGreaterThan(last);
        }
        assertThat(seen()).isEqualTo(600);
    }
}
