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
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import java.util.List;
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
 * caught up. {@link #close()} lets the event at hand finish and be acknowledged, stops pulling, and hands back at
 * once (nak) what it had pulled but not handled, for another instance to take.
 *
 * <p>Each message handled is an observation {@value #OBSERVATION} (a timer tagged policy and outcome = handled
 * or failed, and a consumer span that continues the trace of the append that wrote the event). Counters, tagged
 * {@code policy}: {@code eventsaas.policy.redeliveries} (messages that came again), {@code .events.skipped} (other
 * event types), {@code .events.parked} (unreadable, terminated); gauge {@code .pending} (messages the durable
 * consumer still holds for the service, as of the last message pulled).
 */
public final class PolicyRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PolicyRunner.class);
    /*
     * How long the worker waits for a message before it looks at the stop flag again: how late an idle runner notices
     * close(). Short, since a service closes its runners one after the other (10 wake-ups a second cost nothing);
     * interrupting the wait instead could cut off the handling of an event.
     */
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PULL_EXPIRY = Duration.ofSeconds(5);
    private static final Duration HAND_BACK_TIMEOUT = Duration.ofSeconds(1);
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

    /*
     * Why a plain pull subscription and not the simplified IterableConsumer: stopping must hand back what was pulled
     * but not handled, and the simplified consumer cannot. Once stopped it unsubscribes (and throws away its local
     * buffer) as soon as the last message it asked for has arrived, so the rest of a batch waited out the ack wait
     * (PolicyRunnerIT#closeHandsBackWhatWasPulledButNotHandled); and while a pull is open it waits for the pull to
     * expire. A subscription of our own can be drained: the server stops sending at once and we nak what came.
     */
    private void consume() throws Exception {
        JetStreamSubscription subscription = connector.connection().jetStream()
                .subscribe(null, PullSubscribeOptions.bind(eventStore.streamName(), consumerName));
        try {
            while (running) {
                pullAndHandle(subscription);
            }
        } finally {
            handBack(subscription);
        }
    }

    /**
     * One pull: up to a batch of events, handled one at a time as they come, until the batch is done or the pull has
     * expired. It asks only for what the batch lacks, so a slow policy never holds more than a batch unacknowledged.
     * A short expiry, so that a pull lost with a server (restart, cluster node) is replaced within seconds.
     */
    private void pullAndHandle(JetStreamSubscription subscription) throws InterruptedException {
        long alreadyHere = subscription.getPendingMessageCount();
        long wanted = settings.batchSize() - alreadyHere;
        if (wanted > 0) {
            subscription.pullExpiresIn((int) wanted, PULL_EXPIRY);
        }
        long expiry = System.nanoTime() + PULL_EXPIRY.toNanos();
        int taken = 0;
        while (running && taken < settings.batchSize() && System.nanoTime() - expiry < 0) {
            Message message = subscription.nextMessage(POLL);
            if (message != null) {
                taken++;
                handle(message);
            }
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

    /**
     * Stopping: what was pulled but not handled goes back at once (nak), for another instance to take now rather
     * than after the ack wait. Draining unsubscribes at the server, which then drops this instance's open pull, and
     * waits for the reply to a ping sent after it: every message the server had sent to this subscription is here
     * by then. One round trip, not the pull's expiry. (Only a message the server was handing over at that very
     * instant can miss it; like all events of an instance that died, it comes back after the ack wait, as it does
     * when NATS is unreachable and a nak could not reach the server.)
     */
    private void handBack(JetStreamSubscription subscription) {
        try {
            if (connector.connection().getStatus() != Connection.Status.CONNECTED) {
                subscription.unsubscribe();
                return;
            }
            subscription.drain(HAND_BACK_TIMEOUT);
            int handedBack = 0;
            for (Message message = nextPulled(subscription); message != null; message = nextPulled(subscription)) {
                message.nak();
                handedBack++;
            }
            if (handedBack > 0) {
                log.info("Policy {} handed back {} event(s) it had pulled but not handled", policy.consumerName(),
                        handedBack);
            }
        } catch (Exception e) {
            log.warn("Policy {} could not hand back what it had pulled ({}); the ack wait brings it back",
                    policy.consumerName(), e.toString());
        }
    }

    /** The next message already here, without waiting (the subscription is draining); null when none is left. */
    private static Message nextPulled(JetStreamSubscription subscription) throws InterruptedException {
        try {
            return subscription.nextMessage(Duration.ofMillis(1));
        } catch (IllegalStateException drained) {
            return null;
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
