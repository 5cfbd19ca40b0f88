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
import io.nats.client.JetStreamApiException;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private static final Duration BATCH_FILL_WAIT = Duration.ofMillis(25);
    /** How long a stuck runner waits for an operator's retry before it tries again by itself. */
    static final Duration STUCK_RETRY_INTERVAL = Duration.ofMinutes(5);
    /** One metric for every service: events skipped, tagged projection, reason and type. */
    public static final String SKIPPED_COUNTER = "eventsaas.projection.events.skipped";
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
    private final Counter retriesCounter;
    private final Object applyLock = new Object();
    private final Object retrySignal = new Object();
    private final Set<String> reportedSkips = ConcurrentHashMap.newKeySet();
    private boolean retryRequested;
    private volatile Stuck stuck;
    private volatile int maxAttempts = 5;
    private volatile Duration firstRetryDelay = Duration.ofMillis(100);
    private final Object progress = new Object();
    private volatile long position;
    private volatile long target = -1;
    private volatile long streamLast;
    /** The stream the checkpoint counts in (name and creation time), written with every checkpoint. */
    private volatile String streamIdentity;
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
                .description("Unreadable messages, parked (listed, retryable) and stepped over")
                .tag("projection", name).register(meters);
        retriesCounter = Counter.builder("eventsaas.projection.retries")
                .description("Failed attempts to apply an event that were retried").tag("projection", name)
                .register(meters);
        Gauge.builder("eventsaas.projection.stuck", this, r -> r.stuck == null ? 0 : 1)
                .description("1 while the read model is stopped at an event whose handling keeps failing")
                .tag("projection", name).register(meters);
        Gauge.builder("eventsaas.projection.stuck.sequence", this, r -> r.stuck == null ? 0 : r.stuck.sequence())
                .description("The sequence the read model is stuck at (0 when it is not)")
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
        long checkpoint = checkpoints.read(projection.name());
        EventStore.Tail tail = eventStore.tail();
        long streamLast = tail.lastSequence();
        // Before anything counts as caught up: a checkpoint from another stream would skip this one's events.
        checkpoints.ensureSameStream(projection.name(), tail.streamIdentity(), checkpoint, streamLast);
        streamIdentity = tail.streamIdentity();
        position = checkpoint;
        target = streamLast;
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
                fill(batch);
                applyWithRetry(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Fills a batch: during a replay it waits up to {@link #BATCH_FILL_WAIT} for the feeder, so a replay commits a
     * few large transactions instead of many small ones; once caught up it takes what is there and goes, so a live
     * event waits for nobody.
     */
    private void fill(List<Message> batch) throws InterruptedException {
        long deadline = System.nanoTime() + BATCH_FILL_WAIT.toNanos();
        while (batch.size() < BATCH_SIZE) {
            inbox.drainTo(batch, BATCH_SIZE - batch.size());
            if (batch.size() >= BATCH_SIZE || isCaughtUp()) {
                return;
            }
            long left = deadline - System.nanoTime();
            Message next = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    /**
     * Applies a batch in one transaction; when that fails, applies its messages one by one to find the one that
     * fails, so the messages before it still count and only that one is retried (and parked, or stuck at).
     */
    private void applyWithRetry(List<Message> batch) throws InterruptedException {
        try {
            applyInOneTransaction(batch);
            return;
        } catch (RuntimeException e) {
            log.warn("Projection {} failed to apply sequences {}..{} as one batch ({}); applying them one by one",
                    projection.name(), sequenceOf(batch.getFirst()), sequenceOf(batch.getLast()), e.toString());
        }
        for (Message message : batch) {
            if (!running) {
                return;
            }
            applyAlone(message);
        }
    }

    /**
     * One message in its own transaction, retried with back-off. An unreadable one is parked and stepped over; one
     * whose handling keeps failing stops this read model at it (stuck) until {@link #retry()} or a restart.
     */
    private void applyAlone(Message message) throws InterruptedException {
        long sequence = sequenceOf(message);
        Duration delay = firstRetryDelay;
        for (int attempt = 1; running; attempt++) {
            try {
                applyInOneTransaction(List.of(message));
                if (stuck != null && stuck.sequence() == sequence) {
                    log.info("Projection {} applied sequence {} after {} attempts: no longer stuck",
                            projection.name(), sequence, attempt);
                    stuck = null;
                    checkpoints.parked().resolve(projection.name(), sequence);
                }
                return;
            } catch (UnreadableEventException e) {
                parkAndStepOver(message, e);
                return;
            } catch (RuntimeException e) {
                retriesCounter.increment();
                if (attempt >= maxAttempts) {
                    if (stuck == null || stuck.sequence() != sequence) {
                        log.error("Projection {} is stuck at sequence {} on {} after {} attempts; the other read "
                                + "models go on. Fix the cause, then retry (POST /actuator/projections) or restart",
                                projection.name(), sequence, message.getSubject(), attempt, e);
                    }
                    // The parked row first, then the flag: whoever sees the runner stuck finds the row to retry.
                    int attempts = attempt;
                    safely(() -> checkpoints.parked().record(projection.name(), sequence, message.getSubject(),
                            "handler-failed", rootMessage(e), ParkedEvent.STUCK, attempts));
                    stuck = new Stuck(sequence, rootMessage(e), attempt);
                    awaitRetry(STUCK_RETRY_INTERVAL);
                } else {
                    log.warn("Projection {} failed to apply sequence {} (attempt {} of {}): {}; retrying in {} ms",
                            projection.name(), sequence, attempt, maxAttempts, rootMessage(e), delay.toMillis());
                    Thread.sleep(delay.toMillis());
                    delay = delay.multipliedBy(2).compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY
                            : delay.multipliedBy(2);
                }
            }
        }
    }

    private void parkAndStepOver(Message message, RuntimeException e) {
        long sequence = sequenceOf(message);
        parkedCounter.increment();
        skippedCounter("malformed", String.join(" ", EventHeaders.eventTypes(message.getHeaders()))).increment();
        log.error("Projection {} parks sequence {} on {}: {}", projection.name(), sequence, message.getSubject(),
                rootMessage(e));
        checkpoints.parked().record(projection.name(), sequence, message.getSubject(), "malformed", rootMessage(e),
                ParkedEvent.PARKED, 1);
        transactions.executeWithoutResult(status -> {
            long checkpoint = checkpoints.lockAndRead(projection.name());
            checkpoints.write(projection.name(), Math.max(checkpoint, sequence), streamIdentity);
        });
        advanceTo(sequence);
    }

    private void awaitRetry(Duration atMost) throws InterruptedException {
        synchronized (retrySignal) {
            if (!retryRequested) {
                retrySignal.wait(atMost.toMillis());
            }
            retryRequested = false;
        }
    }

    /** Asks a stuck runner to try its event again now (after the cause was fixed). */
    public void retry() {
        synchronized (retrySignal) {
            retryRequested = true;
            retrySignal.notifyAll();
        }
    }

    /**
     * Applies a parked (stepped-over) message again, e.g. after a release that reads it: fetched from the stream by
     * its sequence and applied in a transaction of its own. Returns false when it still cannot be applied.
     */
    public boolean retryParked(long sequence) {
        try {
            MessageInfo info = connector.connection().jetStreamManagement()
                    .getMessage(eventStore.streamName(), sequence);
            List<RecordedEvent> events;
            try {
                events = EventCodec.decode(sequence, info.getSubject(), info.getData());
            } catch (InvalidProtocolBufferException e) {
                return false;
            }
            synchronized (applyLock) {
                transactions.executeWithoutResult(status -> projection.applyBatch(
                        events.stream().filter(this::wanted).toList()));
            }
            checkpoints.parked().resolve(projection.name(), sequence);
            log.info("Projection {} applied parked sequence {}", projection.name(), sequence);
            return true;
        } catch (RuntimeException | IOException | JetStreamApiException e) {
            log.warn("Projection {} still cannot apply parked sequence {}: {}", projection.name(), sequence,
                    rootMessage(e));
            return false;
        }
    }

    private void applyInOneTransaction(List<Message> batch) {
        long started = System.nanoTime();
        long last = sequenceOf(batch.getLast());
        boolean live = isCaughtUp();
        Map<String, Integer> skips = new HashMap<>();
        Integer appliedInBatch;
        synchronized (applyLock) {
            appliedInBatch = transactions.execute(status -> {
                long checkpoint = checkpoints.lockAndRead(projection.name());
                List<RecordedEvent> events = new ArrayList<>();
                Message firstApplied = null;
                for (Message message : batch) {
                    long sequence = sequenceOf(message);
                    if (sequence <= checkpoint) {
                        continue; // another instance sharing this database applied it already
                    }
                    List<String> types = EventHeaders.eventTypes(message.getHeaders());
                    if (!types.isEmpty() && types.stream().noneMatch(projection::handles)) {
                        types.stream().filter(type -> !projection.knows(type))
                                .forEach(type -> skips.merge("unknown-type " + type, 1, Integer::sum));
                        continue;
                    }
                    for (RecordedEvent event : decode(message)) {
                        if (!projection.handles(event.type())) {
                            if (!projection.knows(event.type())) {
                                skips.merge("unknown-type " + event.type(), 1, Integer::sum);
                            }
                        } else if (event.schemaVersion() > projection.newestSchemaVersion(event.type())) {
                            skips.merge("newer-schema-version " + event.type(), 1, Integer::sum);
                        } else {
                            events.add(event);
                            firstApplied = firstApplied == null ? message : firstApplied;
                        }
                    }
                }
                if (!events.isEmpty()) {
                    if (live) {
                        applyObserved(events, firstApplied);
                    } else {
                        projection.applyBatch(events);
                    }
                }
                checkpoints.write(projection.name(), Math.max(checkpoint, last), streamIdentity);
                return events.size();
            });
        }
        skips.forEach((key, count) -> {
            String[] parts = key.split(" ", 2);
            skippedCounter(parts[0], parts[1]).increment(count);
            if (reportedSkips.add(key)) {
                log.warn("Projection {} skips {} events ({}); counted in {}", projection.name(), parts[0], parts[1],
                        SKIPPED_COUNTER);
            }
        });
        int count = appliedInBatch == null ? 0 : appliedInBatch;
        applied.addAndGet(count);
        appliedCounter.increment(count);
        batchTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        advanceTo(last);
    }

    private boolean wanted(RecordedEvent event) {
        return projection.handles(event.type())
                && event.schemaVersion() <= projection.newestSchemaVersion(event.type());
    }

    private void advanceTo(long last) throws RuntimeException {
        position = Math.max(position, last);
        synchronized (progress) {
            progress.notifyAll();
        }
        afterCommitWithRetry();
    }

    /** A failure after the commit (NATS away while publishing a view) is retried; it never re-applies events. */
    private void afterCommitWithRetry() {
        Duration delay = Duration.ofMillis(200);
        while (running) {
            try {
                projection.afterCommit(position, isCaughtUp());
                return;
            } catch (RuntimeException e) {
                log.warn("Projection {}: after-commit step failed ({}); retrying in {} ms", projection.name(),
                        rootMessage(e), delay.toMillis());
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                delay = delay.multipliedBy(2).compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay.multipliedBy(2);
            }
        }
    }

    /** Live events: one consumer span per message, in the trace of its append, its correlation id in the log. */
    private void applyObserved(List<RecordedEvent> events, Message message) {
        RecordedEvent first = events.getFirst();
        ReceiverContext<io.nats.client.impl.Headers> context = new ReceiverContext<>(NatsHeaders.GETTER,
                Kind.CONSUMER);
        context.setCarrier(message.getHeaders());
        context.setRemoteServiceName("jetstream");
        Observation observation = Observation.createNotStarted(EVENT_OBSERVATION, () -> context,
                        telemetry.observations())
                .contextualName("project " + projection.name())
                .lowCardinalityKeyValue("projection", projection.name())
                .highCardinalityKeyValue("messaging.message.id", Long.toString(first.streamSequence()))
                .start();
        if (!first.correlationId().isEmpty()) {
            MDC.put(Telemetry.CORRELATION_ID_LOG_KEY, first.correlationId());
        }
        try (Observation.Scope ignored = observation.openScope()) {
            projection.applyBatch(events);
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
            throw new UnreadableEventException("the body is not an event commit (" + e.getMessage() + ")", e);
        }
    }

    private Counter skippedCounter(String reason, String type) {
        return Counter.builder(SKIPPED_COUNTER)
                .description("Events a projection skipped: unknown type, newer schema version, or unreadable")
                .tag("projection", projection.name())
                .tag("reason", reason)
                .tag("type", type.isEmpty() ? "unknown" : type)
                .register(telemetry.meters());
    }

    /** How many events of this kind were skipped since start-up. */
    public double skipped(String reason, String type) {
        return skippedCounter(reason, type).count();
    }

    private static void safely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("Could not record a parked event: {}", e.toString());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + " (" + root + ")";
    }

    /** Where a stuck runner waits: the sequence, the last error and how often it was tried. */
    public record Stuck(long sequence, String error, int attempts) {
    }

    /** The event this read model is stuck at, if any. */
    public Optional<Stuck> stuck() {
        return Optional.ofNullable(stuck);
    }

    /** Attempts per event before the read model is declared stuck, and the first back-off delay (doubling). */
    public ProjectionRunner retryPolicy(int attempts, Duration firstDelay) {
        this.maxAttempts = Math.max(1, attempts);
        this.firstRetryDelay = firstDelay;
        return this;
    }

    public long appliedEvents() {
        return applied.get();
    }

    /** Events per second applied since start (all of them count, also those of a replay). */
    public double rate() {
        double seconds = Math.max(1e-3, (System.nanoTime() - startedAtNanos) / 1e9);
        return applied.get() / seconds;
    }

    /** Stream messages between the checkpoint and the stream's end as last seen. */
    public long toGo() {
        return lag();
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
                            + ", not yet at " + sequence + " after " + timeout.toMillis() + " ms; " + diagnosis());
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
    }

    /**
     * What the runner is doing, for the log line of a wait that timed out: a read model that is behind because it
     * is stuck, because nothing reaches it, or because it is busy applying look different here.
     */
    String diagnosis() {
        Stuck stuckAt = stuck;
        return "last seen stream sequence " + Math.max(streamLast, target) + ", " + inbox.size()
                + " message(s) waiting to be applied, feeder " + state(feeder) + ", worker " + state(worker)
                + (stuckAt == null ? "" : ", stuck at " + stuckAt.sequence() + " (" + stuckAt.error() + ")");
    }

    private static String state(Thread thread) {
        return thread == null ? "not started" : thread.getState().toString().toLowerCase(java.util.Locale.ROOT);
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
