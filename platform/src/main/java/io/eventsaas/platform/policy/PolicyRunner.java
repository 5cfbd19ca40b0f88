package io.eventsaas.platform.policy;

import com.google.protobuf.InvalidProtocolBufferException;
import io.eventsaas.platform.eventstore.EventCodec;
import io.eventsaas.platform.eventstore.EventHeaders;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.observability.NatsHeaders;
import io.eventsaas.platform.observability.Telemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.nats.client.impl.Headers;
import io.nats.client.ConsumeOptions;
import io.nats.client.IterableConsumer;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one {@link Policy} on a durable pull consumer of the EVENTS stream that all instances of the service
 * share: JetStream hands each event to one of them (law 4: events that produce events are consumed once, not
 * fanned out).
 *
 * <p>Each instance pulls small batches and handles them one at a time, in order, on its own thread. An event is
 * acknowledged once handled; a failure is negatively acknowledged with a growing delay, so the event comes back
 * later, to whichever instance pulls first. An instance that dies leaves its unacknowledged events to the others
 * after the ack wait. Nothing is consumed before {@link #start()}: the warm-up calls it once the instance has
 * caught up. {@link #close()} stops pulling and hands back what it had pulled but not handled.
 *
 * <p>Each message handled is an observation {@value #OBSERVATION} (a timer tagged policy and outcome = handled
 * or failed, and a consumer span that continues the trace of the append that wrote the event). Counters, tagged
 * {@code policy}: {@code eventsaas.policy.redeliveries} (messages that came again), {@code .events.skipped} (other
 * event types), {@code .events.parked} (unreadable, terminated); gauge {@code .pending} (messages the durable
 * consumer still holds for the service, as of the last message pulled).
 */
public final class PolicyRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PolicyRunner.class);
    private static final Duration POLL = Duration.ofMillis(500);
    public static final String OBSERVATION = "eventsaas.policy.events";

    private final Policy policy;
    private final EventStore eventStore;
    private final NatsConnector connector;
    private final Settings settings;
    private final String consumerName;
    private final String filterSubject;

    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final Telemetry telemetry;
    private final Counter redeliveries;
    private final Counter skippedCounter;
    private final Counter parkedCounter;
    private volatile boolean running;
    private Thread worker;

    /**
     * @param ackWait             how long an event may stay unacknowledged before JetStream gives it to another
     *                            instance; longer than handling one event ever takes
     * @param batchSize           events pulled at a time by one instance; small, so an instance that dies holds
     *                            back little and the instances share the load
     * @param firstRedeliveryDelay delay before a failed event comes back, doubled on each further failure
     * @param maxRedeliveryDelay  the most a failed event waits
     */
    public record Settings(Duration ackWait, int batchSize, Duration firstRedeliveryDelay,
            Duration maxRedeliveryDelay) {

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(30), 32, Duration.ofMillis(500), Duration.ofSeconds(30));
        }
    }

    public PolicyRunner(Policy policy, EventStore eventStore, NatsConnector connector) {
        this(policy, eventStore, connector, Settings.defaults());
    }

    public PolicyRunner(Policy policy, EventStore eventStore, NatsConnector connector, Settings settings) {
        this(policy, eventStore, connector, settings, Telemetry.none());
    }

    public PolicyRunner(Policy policy, EventStore eventStore, NatsConnector connector, Settings settings,
            Telemetry telemetry) {
        this.telemetry = telemetry;
        String name = policy.consumerName();
        var meters = telemetry.meters();
        redeliveries = Counter.builder("eventsaas.policy.redeliveries")
                .description("Messages delivered again after a failure, a crash or an ack timeout")
                .tag("policy", name).register(meters);
        skippedCounter = Counter.builder("eventsaas.policy.events.skipped")
                .description("Messages acknowledged without handling: event types the policy does not want")
                .tag("policy", name).register(meters);
        parkedCounter = Counter.builder("eventsaas.policy.events.parked")
                .description("Messages that are not readable event commits, terminated (never redelivered)")
                .tag("policy", name).register(meters);
        Gauge.builder("eventsaas.policy.pending", pending, AtomicLong::get)
                .description("Messages the durable consumer still holds, as of the last message pulled")
                .tag("policy", name).register(meters);
        this.policy = policy;
        this.eventStore = eventStore;
        this.connector = connector;
        this.settings = settings;
        this.consumerName = connector.namespace().name(policy.consumerName());
        this.filterSubject = connector.namespace().subject(policy.filterSubject());
    }

    /**
     * Creates the durable consumer (or brings its configuration up to date) and starts handling events.
     * Idempotent; throws when NATS cannot be reached, so the warm-up retries it.
     */
    public synchronized void start() throws Exception {
        if (running) {
            return;
        }
        ConsumerConfiguration config = ConsumerConfiguration.builder()
                .durable(consumerName)
                .filterSubject(filterSubject)
                .deliverPolicy(DeliverPolicy.All) // a new policy also handles what happened before it existed
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(settings.ackWait())
                .maxDeliver(-1) // never give up on an event: a policy that skips one leaves the system half done
                .build();
        connector.connection().getStreamContext(eventStore.streamName()).createOrUpdateConsumer(config);
        running = true;
        worker = Thread.ofPlatform().name("policy-" + policy.consumerName()).daemon().start(this::consumeLoop);
        log.info("Policy {} is consuming {} through durable consumer {}", policy.consumerName(), filterSubject,
                consumerName);
    }

    private void consumeLoop() {
        Duration delay = Duration.ofMillis(500);
        while (running) {
            try {
                consume();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // The consumer went away (deleted, server restarted) or NATS is unreachable: open it again.
                log.warn("Policy {} cannot read consumer {}: {}; trying again in {} ms", policy.consumerName(),
                        consumerName, e.toString(), delay.toMillis());
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                delay = min(delay.multipliedBy(2), Duration.ofSeconds(10));
            }
        }
    }

    private void consume() throws Exception {
        // Short pulls: heartbeats every 2.5 s, so a pull lost with a cluster node is noticed in under 8 s (not 45 s).
        ConsumeOptions options = ConsumeOptions.builder().batchSize(settings.batchSize()).expiresIn(5000).build();
        try (IterableConsumer messages = connector.connection().getStreamContext(eventStore.streamName())
                .getConsumerContext(consumerName).iterate(options)) {
            while (running) {
                Message message = messages.nextMessage(POLL);
                if (message != null) {
                    handle(message);
                }
            }
            handBack(messages);
        }
    }

    private void handle(Message message) {
        pending.set(message.metaData().pendingCount());
        if (message.metaData().deliveredCount() > 1) {
            redeliveries.increment();
        }
        List<String> types = EventHeaders.eventTypes(message.getHeaders());
        if (!types.isEmpty() && types.stream().noneMatch(policy::handles)) {
            skipped.incrementAndGet();
            skippedCounter.increment();
            message.ack();
            return;
        }
        List<RecordedEvent> events;
        try {
            events = EventCodec.decode(message);
        } catch (InvalidProtocolBufferException e) {
            // Redelivering cannot make it readable: take it out of this consumer for good, and say so.
            log.error("Policy {} skips sequence {} on {}: the body is not an event commit ({})",
                    policy.consumerName(), message.metaData().streamSequence(), message.getSubject(), e.getMessage());
            skipped.incrementAndGet();
            parkedCounter.increment();
            message.term();
            return;
        }
        ReceiverContext<Headers> context = new ReceiverContext<>(NatsHeaders.GETTER, Kind.CONSUMER);
        context.setCarrier(message.getHeaders());
        context.setRemoteServiceName("jetstream");
        Observation observation = Observation.createNotStarted(OBSERVATION, () -> context, telemetry.observations())
                .contextualName("policy " + policy.consumerName())
                .lowCardinalityKeyValue("policy", policy.consumerName())
                .highCardinalityKeyValue("messaging.message.id", Long.toString(message.metaData().streamSequence()))
                .start();
        String correlationId = message.getHeaders() == null ? null
                : message.getHeaders().getFirst(EventHeaders.CORRELATION_ID);
        if (correlationId != null) {
            MDC.put(Telemetry.CORRELATION_ID_LOG_KEY, correlationId);
        }
        String outcome = "handled";
        try (Observation.Scope ignored = observation.openScope()) {
            for (RecordedEvent event : events) {
                if (policy.handles(event.type())) {
                    policy.handle(event);
                }
            }
            message.ack();
            handled.incrementAndGet();
        } catch (Exception e) {
            outcome = "failed";
            observation.error(e);
            failed.incrementAndGet();
            long delivered = message.metaData().deliveredCount();
            Duration delay = redeliveryDelay(delivered);
            log.warn("Policy {} failed on sequence {} (delivery {}); it comes back in {} ms", policy.consumerName(),
                    message.metaData().streamSequence(), delivered, delay.toMillis(), e);
            message.nakWithDelay(delay);
        } finally {
            MDC.remove(Telemetry.CORRELATION_ID_LOG_KEY);
            observation.lowCardinalityKeyValue("outcome", outcome).stop();
        }
    }

    Duration redeliveryDelay(long deliveredCount) {
        Duration delay = settings.firstRedeliveryDelay();
        for (long i = 1; i < deliveredCount && delay.compareTo(settings.maxRedeliveryDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return min(delay, settings.maxRedeliveryDelay());
    }

    /** Stopping: what was pulled but not handled goes back at once, for another instance to take. */
    private void handBack(IterableConsumer messages) throws Exception {
        messages.stop();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!messages.isFinished() && System.nanoTime() < until) {
            Message message = messages.nextMessage(Duration.ofMillis(100));
            if (message != null) {
                message.nak();
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public boolean isRunning() {
        return running;
    }

    /** Messages handled and acknowledged by this instance. */
    public long handled() {
        return handled.get();
    }

    /** Handling attempts that failed here (each is redelivered later). */
    public long failed() {
        return failed.get();
    }

    /** Messages acknowledged without handling: other event types, or bodies that are not events. */
    public long skipped() {
        return skipped.get();
    }

    public String consumerName() {
        return consumerName;
    }

    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            running = false;
            thread = worker;
        }
        if (thread == null) {
            return;
        }
        try {
            // Let the event at hand finish (and be acknowledged) rather than cut it off.
            thread.join(Duration.ofSeconds(5));
            if (thread.isAlive()) {
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
