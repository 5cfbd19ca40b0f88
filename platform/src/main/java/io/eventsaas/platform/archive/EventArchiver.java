package io.eventsaas.platform.archive;

import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.NatsConnector;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.ConsumeOptions;
import io.nats.client.IterableConsumer;
import io.nats.client.Message;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies every message of the EVENTS stream, verbatim and in order, into the {@link EventArchive}: an ordered
 * consumer from the archive's last sequence, rows inserted in batches. The archive's own highest sequence is its
 * checkpoint, so a crash or a second instance on the same database copies nothing twice.
 */
public final class EventArchiver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventArchiver.class);
    private static final int BATCH_SIZE = 1000;

    private final EventArchive archive;
    private final EventStore eventStore;
    private final NatsConnector connector;
    private volatile long position;
    private volatile long target = -1;
    private volatile boolean running;
    private IterableConsumer consumer;
    private Thread worker;

    public EventArchiver(EventArchive archive, EventStore eventStore, NatsConnector connector, MeterRegistry meters) {
        this.archive = archive;
        this.eventStore = eventStore;
        this.connector = connector;
        Gauge.builder("eventsaas.archive.position", this, EventArchiver::position)
                .description("Last stream sequence copied into the SQL event archive").register(meters);
    }

    /** Starts copying and blocks until the archive holds what the stream held at start (a warm-up step). */
    public void catchUp() throws InterruptedException {
        start();
        while (position < target) {
            Thread.sleep(100);
        }
        log.info("Event archive caught up at sequence {}", position);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        archive.ensureTable();
        position = archive.lastSequence();
        target = eventStore.lastSequence();
        OrderedConsumerConfiguration config = new OrderedConsumerConfiguration()
                .filterSubject(eventStore.allEventsSubject());
        if (position == 0) {
            config.deliverPolicy(DeliverPolicy.All);
        } else {
            config.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(position + 1);
        }
        try {
            consumer = connector.connection().getStreamContext(eventStore.streamName()).createOrderedConsumer(config)
                    .iterate(ConsumeOptions.builder().batchSize(BATCH_SIZE).expiresIn(5000).build());
        } catch (Exception e) {
            throw new IllegalStateException("cannot consume stream " + eventStore.streamName() + ": " + e.getMessage(), e);
        }
        running = true;
        worker = Thread.ofPlatform().name("event-archiver").daemon().start(this::copyLoop);
    }

    private void copyLoop() {
        List<ArchivedMessage> batch = new ArrayList<>(BATCH_SIZE);
        while (running) {
            try {
                Message message = consumer.nextMessage(Duration.ofMillis(200));
                if (message != null) {
                    batch.add(toArchived(message));
                }
                if (!batch.isEmpty() && (message == null || batch.size() >= BATCH_SIZE)) {
                    writeWithRetry(batch);
                    batch.clear();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("Event archive: consumer problem {}; continuing", e.toString());
            }
        }
    }

    private void writeWithRetry(List<ArchivedMessage> batch) throws InterruptedException {
        long delay = 100;
        while (running) {
            try {
                archive.append(batch);
                position = Math.max(position, batch.getLast().streamSequence());
                return;
            } catch (RuntimeException e) {
                log.error("Event archive: cannot write sequences {}..{}; retrying in {} ms",
                        batch.getFirst().streamSequence(), batch.getLast().streamSequence(), delay, e);
                Thread.sleep(delay);
                delay = Math.min(delay * 2, 30_000);
            }
        }
    }

    static ArchivedMessage toArchived(Message message) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Headers h = message.getHeaders();
        if (h != null) {
            for (String key : h.keySet()) {
                headers.put(key, List.copyOf(h.get(key)));
            }
        }
        return new ArchivedMessage(message.metaData().streamSequence(), message.getSubject(), headers,
                message.getData() == null ? new byte[0] : message.getData(),
                message.metaData().timestamp().toInstant());
    }

    public long position() {
        return position;
    }

    public boolean isCaughtUp() {
        return target >= 0 && position >= target;
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
        if (worker != null) {
            worker.interrupt();
        }
    }
}
