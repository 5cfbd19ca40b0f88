package io.eventsaas.platform.policy;

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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Policies on a durable consumer shared by several instances, against a real JetStream server. */
class PolicyRunnerIT {

    private static final PolicyRunner.Settings FAST = new PolicyRunner.Settings(Duration.ofSeconds(30), 8,
            Duration.ofMillis(100), Duration.ofSeconds(1));

    private String namespace;
    private final List<NatsConnector> connectors = new ArrayList<>();
    private final List<PolicyRunner> runners = new ArrayList<>();
    private EventStore store;

    @BeforeEach
    void setUp() throws Exception {
        namespace = TestInfrastructure.newNamespace();
        store = new EventStore(connect("writer"), Clock.systemUTC());
        store.ensureStream();
    }

    @AfterEach
    void cleanUp() throws Exception {
        runners.forEach(PolicyRunner::close);
        for (NatsConnector connector : connectors) {
            connector.close();
        }
        TestInfrastructure.deleteNamespace(namespace);
    }

    private NatsConnector connect(String name) throws Exception {
        NatsConnector connector = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", namespace, 1,
                Duration.ofSeconds(5), Duration.ofMinutes(10)), name);
        connector.awaitConnection(Duration.ofSeconds(10));
        connectors.add(connector);
        return connector;
    }

    /** An instance: its own connection, its own runner, the shared durable consumer. */
    private PolicyRunner instance(Policy policy) throws Exception {
        PolicyRunner runner = new PolicyRunner(policy, store, connect("instance-" + runners.size()), FAST);
        runners.add(runner);
        return runner;
    }

    private void append(String type, String id) {
        store.append(new Append("thing", id, 0, "make-" + id, "corr", "make-" + id,
                List.of(new NewEvent(type, 1, id.getBytes()))));
    }

    /** Counts what each instance handled; fails the first delivery of the events it is told to. */
    private static final class Counting implements Policy {
        final Map<String, List<String>> handledBy = new ConcurrentHashMap<>();
        final Set<String> failOnce = ConcurrentHashMap.newKeySet();
        final String instance;
        final Counting shared;

        Counting(String instance, Counting shared) {
            this.instance = instance;
            this.shared = shared == null ? this : shared;
        }

        @Override
        public String consumerName() {
            return "things-policy";
        }

        @Override
        public String filterSubject() {
            return "events.thing.>";
        }

        @Override
        public boolean handles(String eventType) {
            return eventType.equals("ThingMade");
        }

        @Override
        public void handle(RecordedEvent event) {
            if (shared.failOnce.remove(event.aggregateId())) {
                throw new IllegalStateException("failing once on purpose");
            }
            shared.handledBy.computeIfAbsent(event.aggregateId(), id -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(instance);
        }
    }

    @Test
    @DisplayName("given two instances on one durable consumer, then each event is handled once between them, and "
            + "events of other types are acknowledged without handling")
    void queueNotFanOut() throws Exception {
        Counting shared = new Counting("a", null);
        PolicyRunner a = instance(shared);
        PolicyRunner b = instance(new Counting("b", shared));
        a.start();
        b.start();

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            append("ThingMade", id);
            append("ThingIgnored", UUID.randomUUID().toString());
        }

        await(() -> shared.handledBy.size() == ids.size());
        Thread.sleep(300); // time for a second delivery, would there be one
        assertThat(shared.handledBy).containsOnlyKeys(ids);
        assertThat(shared.handledBy.values()).allSatisfy(instances -> assertThat(instances).hasSize(1));
        assertThat(a.handled() + b.handled()).isEqualTo(ids.size());
        assertThat(a.skipped() + b.skipped()).isEqualTo(ids.size());
    }

    @Test
    @DisplayName("given a failure, then the event comes back after a back-off and is handled")
    void failedEventIsRedelivered() throws Exception {
        Counting policy = new Counting("a", null);
        String id = UUID.randomUUID().toString();
        policy.failOnce.add(id);
        PolicyRunner runner = instance(policy);
        runner.start();

        append("ThingMade", id);

        await(() -> policy.handledBy.containsKey(id));
        assertThat(runner.failed()).isEqualTo(1);
        assertThat(policy.handledBy.get(id)).hasSize(1);
    }

    @Test
    @DisplayName("given a runner not started yet, then it handles nothing; once started it handles what happened "
            + "before; once closed, another instance takes over")
    void startsWhenToldAndHandsOver() throws Exception {
        Counting shared = new Counting("a", null);
        PolicyRunner a = instance(shared);
        String early = UUID.randomUUID().toString();
        append("ThingMade", early);
        Thread.sleep(300);
        assertThat(shared.handledBy).isEmpty();

        a.start();
        await(() -> shared.handledBy.containsKey(early));
        a.close();

        PolicyRunner b = instance(new Counting("b", shared));
        b.start();
        String late = UUID.randomUUID().toString();
        append("ThingMade", late);
        await(() -> shared.handledBy.containsKey(late));
        assertThat(shared.handledBy.get(late)).containsExactly("b");
        assertThat(shared.handledBy.get(early)).containsExactly("a");
    }

    @Test
    @DisplayName("given an instance closed while it handles the first event of a batch it pulled, then that event "
            + "is acknowledged and the rest of the batch goes at once to another instance, long before the ack wait")
    void closeHandsBackWhatWasPulledButNotHandled() throws Exception {
        Counting shared = new Counting("a", null);
        HoldsFirstEvent held = new HoldsFirstEvent(shared);
        PolicyRunner a = instance(held);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < FAST.batchSize(); i++) { // one batch: a pulls them all at once
            String id = UUID.randomUUID().toString();
            ids.add(id);
            append("ThingMade", id);
        }
        a.start();
        assertThat(held.handling.await(20, TimeUnit.SECONDS)).as("a handles the first event").isTrue();
        PolicyRunner b = instance(new Counting("b", shared));
        b.start(); // waits: a holds every event of the stream, unacknowledged

        Thread closing = Thread.ofPlatform().start(a::close);
        await(() -> !a.isRunning());
        held.release.countDown(); // the event at hand finishes while a is closing
        closing.join(Duration.ofSeconds(10));
        assertThat(closing.isAlive()).as("a closed within 10 s").isFalse();

        // The ack wait is 30 s: only a hand-back brings the other events to b within 10 s.
        await(() -> shared.handledBy.size() == ids.size(), Duration.ofSeconds(10));
        assertThat(shared.handledBy.get(ids.getFirst())).containsExactly("a");
        assertThat(ids.subList(1, ids.size())).allSatisfy(id -> assertThat(shared.handledBy.get(id))
                .containsExactly("b"));
        assertThat(a.handled()).isEqualTo(1);
        // and a acknowledged the event it finished: nothing is left waiting for an acknowledgement
        await(() -> acknowledgementsPending(a) == 0, Duration.ofSeconds(10));
    }

    private long acknowledgementsPending(PolicyRunner runner) {
        try {
            return connectors.getFirst().connection().getStreamContext(store.streamName())
                    .getConsumerContext(runner.consumerName()).getConsumerInfo().getNumAckPending();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Holds the first event it is given until released, then counts it like the policy it wraps. */
    private static final class HoldsFirstEvent implements Policy {
        final CountDownLatch handling = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Counting counting;

        HoldsFirstEvent(Counting counting) {
            this.counting = counting;
        }

        @Override
        public String consumerName() {
            return counting.consumerName();
        }

        @Override
        public String filterSubject() {
            return counting.filterSubject();
        }

        @Override
        public boolean handles(String eventType) {
            return counting.handles(eventType);
        }

        @Override
        public void handle(RecordedEvent event) {
            if (handling.getCount() > 0) {
                handling.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            counting.handle(event);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        await(condition, Duration.ofSeconds(20));
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited " + timeout.toSeconds() + " s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
