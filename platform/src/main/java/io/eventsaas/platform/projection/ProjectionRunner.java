package io.eventsaas.platform.projection;

import com.google.protobuf.InvalidProtocolBufferException;
import io.eventsaas.platform.eventstore.EventCodec;
import io.eventsaas.platform.eventstore.EventHeaders;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.nats.NatsConnector;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds one {@link Projection} every event of the stream, in order, from where its checkpoint says.
 *
 * <p>Every instance runs its own ordered (fan-out) consumer: this is how each instance keeps its database up to
 * date, and why a projection never produces events. Messages are applied in batches (one transaction each,
 * checkpoint included). An empty database replays from the first event. {@link #isCaughtUp()} turns true once
 * the runner has applied everything the stream held when it started: until then the instance is not ready.
 */
public final class ProjectionRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRunner.class);
    private static final int BATCH_SIZE = 1000;
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
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

    private final BlockingQueue<Message> inbox = new ArrayBlockingQueue<>(4 * BATCH_SIZE);
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final Object progress = new Object();
    private volatile long position;
    private volatile long target = -1;
    private volatile boolean running;
    private volatile long startedAtNanos;
    private IterableConsumer consumer;
    private Thread feeder;
    private Thread worker;

    public ProjectionRunner(Projection projection, EventStore eventStore, NatsConnector connector,
            Checkpoints checkpoints, TransactionTemplate transactions) {
        this.projection = projection;
        this.eventStore = eventStore;
        this.connector = connector;
        this.checkpoints = checkpoints;
        this.transactions = transactions;
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
        long last = sequenceOf(batch.getLast());
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
                for (RecordedEvent event : decode(message)) {
                    if (projection.handles(event.type())) {
                        projection.apply(event);
                        appliedNow++;
                    }
                }
            }
            checkpoints.write(projection.name(), Math.max(checkpoint, last));
            return appliedNow;
        });
        applied.addAndGet(appliedInBatch == null ? 0 : appliedInBatch);
        position = Math.max(position, last);
        synchronized (progress) {
            progress.notifyAll();
        }
        projection.afterCommit(position, isCaughtUp());
    }

    private List<RecordedEvent> decode(Message message) {
        try {
            return EventCodec.decode(message);
        } catch (InvalidProtocolBufferException e) {
            skipped.incrementAndGet();
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
