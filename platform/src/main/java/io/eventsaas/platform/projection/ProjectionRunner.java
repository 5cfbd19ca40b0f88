package io.eventsaas.platform.projection;

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
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.nats.client.ConsumeOptions;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds one {@link Projection} every event of the stream, in order, from where its checkpoint says.
 *
 * <p>Every instance runs its own ordered (fan-out) consumer: this is how each instance keeps its database up to
 * date, and why a projection never produces events. Messages are applied in batches (one transaction each,
 * checkpoint included). An empty database replays from the first event. {@link #isCaughtUp()} turns true once
 * the runner has applied everything the stream held when it started: until then the instance is not ready.
 *
 * <p>Metrics, tagged {@code projection}: gauges {@code eventsaas.projection.position} (last applied sequence),
 * {@code .stream.last} (the stream's last sequence as the consumer last saw it), {@code .lag} (the difference),
 * {@code .replay.progress} (0..1 of the stream as it was at start), {@code .caught.up} (1 once ready); counters
 * {@code .events.applied} and {@code .events.parked} (unreadable messages stepped over); timer
 * {@code .batches}. Once caught up, each handled event is an observation {@value #EVENT_OBSERVATION}: a consumer
 * span that continues the trace of the append that wrote it. A replay makes no spans (it would flood the trace
 * viewer with old traces), only the batch timer and counters.
 */
public final class ProjectionRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRunner.class);
    private static final int BATCH_SIZE = 1000;
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
    public static final String EVENT_OBSERVATION = "eventsaas.projection.handle";
    /**
     * How long one pull waits. The server sends heartbeats at half of it and the client recreates the ordered
     * consumer after three missed ones: with the default (30 s) a projection stalls 45 s when the cluster node
     * holding its consumer goes away; with 5 s, under 8 s (deploy/nats-cluster/failover-check.sh).
     */
    static final Duration PULL_EXPIRES = Duration.ofSeconds(5);

    private final Projection projection;
    private final EventStore eventStore;
    private final NatsConnector connector;
    private final Checkpoints checkpoints;
    private final TransactionTemplate transactions;
    private final Telemetry telemetry;
    private final Counter appliedCounter;
    private final Counter parkedCounter;
    private final Timer batchTimer;

    private final BlockingQueue<Message> inbox = new ArrayBlockingQueue<>(4 * BATCH_SIZE);
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final Object progress = new Object();
    private volatile long position;
    private volatile long target = -1;
    private volatile long streamLast;
    private volatile boolean running;
    private volatile long startedAtNanos;
    private IterableConsumer consumer;
    private Thread feeder;
    private Thread worker;

    public ProjectionRunner(Projection projection, EventStore eventStore, NatsConnector connector,
            Checkpoints checkpoints, TransactionTemplate transactions) {
        this(projection, eventStore, connector, checkpoints, transactions, Telemetry.none());
    }

    public ProjectionRunner(Projection projection, EventStore eventStore, NatsConnector connector,
            Checkpoints checkpoints, TransactionTemplate transactions, Telemetry telemetry) {
        this.projection = projection;
        this.eventStore = eventStore;
        this.connector = connector;
        this.checkpoints = checkpoints;
        this.transactions = transactions;
        this.telemetry = telemetry;
        var meters = telemetry.meters();
        String name = projection.name();
        appliedCounter = Counter.builder("eventsaas.projection.events.applied")
                .description("Events applied to the read model").tag("projection", name).register(meters);
        parkedCounter = Counter.builder("eventsaas.projection.events.parked")
                .description("Messages that are not readable event commits, logged and stepped over")
                .tag("projection", name).register(meters);
        batchTimer = Timer.builder("eventsaas.projection.batches")
                .description("Batches applied, one transaction each").tag("projection", name).register(meters);
        Gauge.builder("eventsaas.projection.position", this, ProjectionRunner::position)
                .description("Last stream sequence applied").tag("projection", name).register(meters);
        Gauge.builder("eventsaas.projection.stream.last", this, r -> Math.max(r.streamLast, r.target))
                .description("The stream's last sequence, as the consumer last saw it")
                .tag("projection", name).register(meters);
        Gauge.builder("eventsaas.projection.lag", this, ProjectionRunner::lag)
                .description("Stream last sequence minus last sequence applied").tag("projection", name)
                .register(meters);
        Gauge.builder("eventsaas.projection.replay.progress", this, ProjectionRunner::replayProgress)
                .description("Share of the stream (as it was at start) applied, 0 to 1").tag("projection", name)
                .register(meters);
        Gauge.builder("eventsaas.projection.caught.up", this, r -> r.isCaughtUp() ? 1 : 0)
                .description("1 once the runner has caught up with the stream as it was at start")
                .tag("projection", name).register(meters);
    }

    /** Messages in the stream not yet applied (as far as the consumer knows). */
    public long lag() {
        return Math.max(0, Math.max(streamLast, target) - position);
    }

    private double replayProgress() {
        return target <= 0 ? (target == 0 ? 1.0 : 0.0) : Math.min(1.0, (double) position / target);
    }

    /**
     * Starts consuming after the checkpoint and blocks until the runner has caught up with the stream as it was
     * when this was called. Meant for the warm-up; safe to call again after a failure.
     */
    public void catchUp() throws InterruptedException {
        start();
        long lastReport = System.nanoTime();
        while (!isCaughtUp()) {
            synchronized (progress) {
                progress.wait(500);
            }
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(5)) {
                log.info("{}", describeProgress());
                lastReport = System.nanoTime();
            }
        }
        log.info("Projection {} caught up: {}", projection.name(), describeProgress());
    }

    /** Starts consuming in the background (idempotent). */
    public synchronized void start() {
        if (running) {
            return;
        }
        checkpoints.ensureTable();
        position = checkpoints.read(projection.name());
        target = eventStore.lastSequence();
        startedAtNanos = System.nanoTime();
        log.info("Projection {} starting after sequence {}; the stream's last sequence is {}{}", projection.name(),
                position, target, position == 0 && target > 0 ? " (empty database: replaying from the first event)" : "");
        OrderedConsumerConfiguration config = new OrderedConsumerConfiguration()
                .filterSubject(eventStore.allEventsSubject());
        if (position == 0) {
            config.deliverPolicy(DeliverPolicy.All);
        } else {
            config.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(position + 1);
        }
        try {
            consumer = connector.connection().getStreamContext(eventStore.streamName())
                    .createOrderedConsumer(config)
                    .iterate(ConsumeOptions.builder().batchSize(BATCH_SIZE).expiresIn(PULL_EXPIRES.toMillis()).build());
        } catch (Exception e) {
            throw new IllegalStateException("cannot consume stream " + eventStore.streamName() + ": " + e.getMessage(), e);
        }
        running = true;
        feeder = Thread.ofPlatform().name("projection-" + projection.name() + "-feed").daemon().start(this::feedLoop);
        worker = Thread.ofPlatform().name("projection-" + projection.name()).daemon().start(this::applyLoop);
    }

    /**
     * Pulls messages in stream order on one thread. Not {@code consume(handler)}: the connection runs message
     * handlers on an executor (so RPC requests are served concurrently), which hands messages over out of order,
     * and a batch checkpointed past a message still on its way would make the runner skip that message.
     */
    private void feedLoop() {
        while (running) {
            try {
                Message message = consumer.nextMessage(Duration.ofMillis(200));
                if (message != null) {
                    // Sequence plus what the consumer still has pending: the stream's last sequence, for the lag.
                    streamLast = Math.max(streamLast, sequenceOf(message) + message.metaData().pendingCount());
                    inbox.put(message); // blocks when the worker is behind: back-pressure on the consumer
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (JetStreamStatusCheckedException e) {
                log.warn("Projection {}: consumer status {}; continuing", projection.name(), e.getMessage());
            }
        }
    }

    private void applyLoop() {
        List<Message> batch = new ArrayList<>(BATCH_SIZE);
        while (running) {
            try {
                Message first = inbox.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                inbox.drainTo(batch, BATCH_SIZE - 1);
                applyWithRetry(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void applyWithRetry(List<Message> batch) throws InterruptedException {
        Duration delay = Duration.ofMillis(100);
        while (running) {
            try {
                apply(batch);
                return;
            } catch (RuntimeException e) {
                log.error("Projection {} failed to apply sequences {}..{}; retrying in {} ms", projection.name(),
                        sequenceOf(batch.getFirst()), sequenceOf(batch.getLast()), delay.toMillis(), e);
                Thread.sleep(delay.toMillis());
                delay = delay.multipliedBy(2).compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay.multipliedBy(2);
            }
        }
    }

    private void apply(List<Message> batch) {
        long started = System.nanoTime();
        long last = sequenceOf(batch.getLast());
        boolean live = isCaughtUp();
        Integer appliedInBatch = transactions.execute(status -> {
            long checkpoint = checkpoints.lockAndRead(projection.name());
            int appliedNow = 0;
            for (Message message : batch) {
                long sequence = sequenceOf(message);
                if (sequence <= checkpoint) {
                    continue; // another instance sharing this database applied it already
                }
                if (EventHeaders.eventTypes(message.getHeaders()).stream().noneMatch(projection::handles)) {
                    continue;
                }
                appliedNow += live ? applyObserved(message) : applyMessage(message);
            }
            checkpoints.write(projection.name(), Math.max(checkpoint, last));
            return appliedNow;
        });
        int count = appliedInBatch == null ? 0 : appliedInBatch;
        applied.addAndGet(count);
        appliedCounter.increment(count);
        batchTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        position = Math.max(position, last);
        synchronized (progress) {
            progress.notifyAll();
        }
        projection.afterCommit(position, isCaughtUp());
    }

    private int applyMessage(Message message) {
        int appliedNow = 0;
        for (RecordedEvent event : decode(message)) {
            if (projection.handles(event.type())) {
                projection.apply(event);
                appliedNow++;
            }
        }
        return appliedNow;
    }

    /** A live event: a consumer span in the trace of its append, its correlation id in the log context. */
    private int applyObserved(Message message) {
        ReceiverContext<io.nats.client.impl.Headers> context = new ReceiverContext<>(NatsHeaders.GETTER,
                Kind.CONSUMER);
        context.setCarrier(message.getHeaders());
        context.setRemoteServiceName("jetstream");
        Observation observation = Observation.createNotStarted(EVENT_OBSERVATION, () -> context,
                        telemetry.observations())
                .contextualName("project " + projection.name())
                .lowCardinalityKeyValue("projection", projection.name())
                .highCardinalityKeyValue("messaging.message.id", Long.toString(sequenceOf(message)))
                .start();
        String correlationId = message.getHeaders() == null ? null
                : message.getHeaders().getFirst(EventHeaders.CORRELATION_ID);
        if (correlationId != null) {
            MDC.put(Telemetry.CORRELATION_ID_LOG_KEY, correlationId);
        }
        try (Observation.Scope ignored = observation.openScope()) {
            return applyMessage(message);
        } catch (RuntimeException e) {
            observation.error(e);
            throw e;
        } finally {
            MDC.remove(Telemetry.CORRELATION_ID_LOG_KEY);
            observation.stop();
        }
    }

    private List<RecordedEvent> decode(Message message) {
        try {
            return EventCodec.decode(message);
        } catch (InvalidProtocolBufferException e) {
            skipped.incrementAndGet();
            parkedCounter.increment();
            log.error("Projection {} skips sequence {} on {}: the body is not an event commit ({})",
                    projection.name(), sequenceOf(message), message.getSubject(), e.getMessage());
            return List.of();
        }
    }

    private static long sequenceOf(Message message) {
        return message.metaData().streamSequence();
    }

    /** True once everything the stream held when this runner started has been applied. */
    public boolean isCaughtUp() {
        return target >= 0 && position >= target;
    }

    /** The last stream sequence applied (committed) by this runner. */
    public long position() {
        return position;
    }

    /**
     * Waits until this runner has applied the given stream sequence: a handler that appended an event calls it
     * before replying, so the caller's next read sees the write.
     */
    public void awaitPosition(long sequence, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (position < sequence) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("projection " + projection.name() + " is at " + position
                            + ", not yet at " + sequence);
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
    }

    public String describeProgress() {
        double seconds = Math.max(1e-3, (System.nanoTime() - startedAtNanos) / 1e9);
        long toGo = Math.max(0, target - position);
        return String.format("projection %s at sequence %d of %d (%d to go), %d events applied, %.0f events/s",
                projection.name(), position, target, toGo, applied.get(), applied.get() / seconds);
    }

    public String name() {
        return projection.name();
    }

    @Override
    public synchronized void close() {
        running = false;
        if (consumer != null) {
            try {
                consumer.stop();
            } catch (Exception ignored) {
                // shutting down
            }
        }
        if (feeder != null) {
            feeder.interrupt();
        }
        if (worker != null) {
            worker.interrupt();
        }
    }
}
