package io.eventsaas.platform.archive;

import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.NatsConnector;
import io.nats.client.JetStream;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-publishes the SQL archive into an empty (or partly restored) EVENTS stream, in order, so that every message
 * gets back its stream sequence: each publish expects the stream's last sequence to be the one before it
 * ({@code Nats-Expected-Last-Sequence}), so a gap or a stranger's message stops the restore instead of shifting
 * sequences. Since every subject's messages keep their sequences, the per-subject sequences (the aggregates'
 * versions) and with them the services' expected-sequence checks are as before. The original headers go back too,
 * except the expectations of the first publish, which this restore replaces with its own.
 *
 * <p>Resumable: it starts after the stream's last sequence, which must be archived.
 */
public final class ArchiveRestore {

    private static final Logger log = LoggerFactory.getLogger(ArchiveRestore.class);
    private static final int WINDOW = 500;

    private final EventArchive archive;
    private final EventStore eventStore;
    private final NatsConnector connector;

    public ArchiveRestore(EventArchive archive, EventStore eventStore, NatsConnector connector) {
        this.archive = archive;
        this.eventStore = eventStore;
        this.connector = connector;
    }

    /** Restores and returns how many messages were published. */
    public long restore() throws Exception {
        eventStore.ensureStream();
        long start = eventStore.lastSequence();
        long archived = archive.lastSequence();
        if (start > archived) {
            throw new IllegalStateException("stream " + eventStore.streamName() + " holds " + start
                    + " messages, more than the archive (" + archived + "): refusing to restore");
        }
        log.info("Restoring stream {} from the archive: sequences {}..{}", eventStore.streamName(), start + 1, archived);
        JetStream js = connector.connection().jetStream();
        Deque<CompletableFuture<PublishAck>> inFlight = new ArrayDeque<>();
        long[] published = {0};
        long[] expected = {start};
        long started = System.nanoTime();
        archive.forEachAfter(start, 5000, message -> {
            if (message.streamSequence() != expected[0] + 1) {
                throw new IllegalStateException("the archive has a gap before sequence " + message.streamSequence());
            }
            Headers headers = new Headers();
            message.headers().forEach((name, values) -> {
                if (!name.startsWith("Nats-Expected")) {
                    headers.put(name, values);
                }
            });
            NatsMessage out = NatsMessage.builder().subject(message.subject()).headers(headers)
                    .data(message.data()).build();
            PublishOptions options = PublishOptions.builder().stream(eventStore.streamName())
                    .expectedLastSequence(message.streamSequence() - 1).build();
            inFlight.add(js.publishAsync(out, options));
            expected[0] = message.streamSequence();
            published[0]++;
            while (inFlight.size() >= WINDOW) {
                await(inFlight.poll());
            }
        });
        while (!inFlight.isEmpty()) {
            await(inFlight.poll());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("Restored {} messages into {} in {} s ({} messages/s); last sequence {}", published[0],
                eventStore.streamName(), String.format("%.1f", seconds),
                String.format("%.0f", published[0] / Math.max(seconds, 1e-3)), eventStore.lastSequence());
        return published[0];
    }

    private static void await(CompletableFuture<PublishAck> ack) {
        try {
            PublishAck result = ack.get(30, TimeUnit.SECONDS);
            if (result.isDuplicate()) {
                throw new IllegalStateException("the stream treated sequence " + result.getSeqno() + " as a duplicate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("restore stopped: " + e.getMessage(), e);
        }
    }
}
