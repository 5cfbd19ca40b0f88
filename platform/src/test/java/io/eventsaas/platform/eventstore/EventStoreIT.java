package io.eventsaas.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.nats.client.JetStreamApiException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The event store against a real JetStream server, in a namespace of its own. */
class EventStoreIT {

    private static String namespace;
    private static NatsConnector connector;
    private static EventStore store;

    @BeforeAll
    static void connect() throws Exception {
        namespace = TestInfrastructure.newNamespace();
        connector = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", namespace, 1,
                Duration.ofSeconds(5), Duration.ofMinutes(10)), "event-store-test");
        connector.awaitConnection(Duration.ofSeconds(10));
        store = new EventStore(connector, Clock.systemUTC());
        store.ensureStream();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        TestInfrastructure.deleteNamespace(namespace);
        connector.close();
    }

    private static Append append(String id, long expected, String messageId, String... types) {
        List<NewEvent> events = new ArrayList<>();
        for (String type : types) {
            events.add(new NewEvent(type, 1, type.getBytes(StandardCharsets.UTF_8)));
        }
        return new Append("thing", id, expected, messageId, "corr-1", messageId, events);
    }

    @Test
    @DisplayName("a new aggregate is appended at expected version 0 and loads back with its envelope")
    void appendAndLoad() {
        String id = UUID.randomUUID().toString();
        Appended first = store.append(append(id, 0, "cmd-" + id, "ThingMade"));
        Appended second = store.append(append(id, first.sequence(), "cmd2-" + id, "ThingChanged", "ThingMoved"));

        List<RecordedEvent> events = store.load("thing", id);

        assertThat(events).extracting(RecordedEvent::type).containsExactly("ThingMade", "ThingChanged", "ThingMoved");
        assertThat(events).extracting(RecordedEvent::streamSequence)
                .containsExactly(first.sequence(), second.sequence(), second.sequence());
        assertThat(events.get(1).indexInCommit()).isZero();
        assertThat(events.get(2).indexInCommit()).isEqualTo(1);
        assertThat(events.getFirst().aggregateId()).isEqualTo(id);
        assertThat(events.getFirst().correlationId()).isEqualTo("corr-1");
        assertThat(events.getFirst().causationId()).isEqualTo("cmd-" + id);
        assertThat(events.getFirst().subject()).isEqualTo(namespace + ".events.thing." + id);
        assertThat(store.versionOf("thing", id)).isEqualTo(second.sequence());
    }

    @Test
    @DisplayName("a retried command (same message id) appends nothing twice, even after the aggregate moved on")
    void retriedCommandAppendsOnce() {
        String id = UUID.randomUUID().toString();
        Appended first = store.append(append(id, 0, "retry-" + id, "ThingMade"));
        Appended retry = store.append(append(id, 0, "retry-" + id, "ThingMade"));
        store.append(append(id, first.sequence(), "other-" + id, "ThingChanged"));
        Appended lateRetry = store.append(append(id, 0, "retry-" + id, "ThingMade"));

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.sequence()).isEqualTo(first.sequence());
        assertThat(lateRetry.duplicate()).isTrue();
        assertThat(store.load("thing", id)).extracting(RecordedEvent::type).containsExactly("ThingMade", "ThingChanged");
    }

    @Test
    @DisplayName("of two writers deciding on the same version, one wins and the other gets a conflict")
    void concurrentWritersConflict() throws Exception {
        String id = UUID.randomUUID().toString();
        long version = store.append(append(id, 0, "made-" + id, "ThingMade")).sequence();

        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String messageId = "writer-" + i + "-" + id;
            Callable<Boolean> write = () -> {
                try {
                    store.append(append(id, version, messageId, "ThingChanged"));
                    return true;
                } catch (AppendConflictException e) {
                    return false;
                }
            };
            results.add(pool.submit(write));
        }
        int won = 0;
        for (Future<Boolean> result : results) {
            won += result.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(won).isEqualTo(1);
        assertThat(store.load("thing", id)).hasSize(2);
    }

    @Test
    @DisplayName("an append that expects a new aggregate fails when it exists")
    void expectingNewAggregateConflicts() {
        String id = UUID.randomUUID().toString();
        store.append(append(id, 0, "a-" + id, "ThingMade"));

        assertThatThrownBy(() -> store.append(append(id, 0, "b-" + id, "ThingMade")))
                .isInstanceOf(AppendConflictException.class);
    }

    @Test
    @DisplayName("setting up the stream is idempotent, and the stream refuses to delete events")
    void streamSetupIsIdempotentAndDeleteIsDenied() throws Exception {
        String id = UUID.randomUUID().toString();
        long sequence = store.append(append(id, 0, "keep-" + id, "ThingMade")).sequence();
        store.ensureStream();
        store.ensureStream();

        var jsm = connector.connection().jetStreamManagement();
        assertThatThrownBy(() -> jsm.deleteMessage(store.streamName(), sequence))
                .isInstanceOf(JetStreamApiException.class);
        assertThat(store.load("thing", id)).hasSize(1);
    }

    @Test
    @DisplayName("an aggregate with no events loads empty at version 0")
    void unknownAggregate() {
        assertThat(store.load("thing", "nobody")).isEmpty();
        assertThat(store.versionOf("thing", "nobody")).isZero();
    }

    @Test
    @DisplayName("an aggregate id that is not a single subject token is refused before anything is sent")
    void invalidAggregateId() {
        assertThatThrownBy(() -> append("a.b", 0, "x", "ThingMade")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> append("*", 0, "x", "ThingMade")).isInstanceOf(IllegalArgumentException.class);
    }
}
