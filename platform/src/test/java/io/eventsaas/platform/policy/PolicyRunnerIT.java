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

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
