package io.eventsaas.gateway.views;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.views.PlatformSummaryView;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest platform summary, kept in memory: a watch on its key in the views bucket delivers the current value
 * and every update, so a page reads a field instead of asking NATS. Empty until projection-service has written
 * one (or when it is deleted).
 *
 * <p>The connection dispatches messages on an executor, so two updates can arrive out of order: the one with the
 * higher revision wins.
 */
public final class PlatformSummaryViews implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PlatformSummaryViews.class);

    private final AtomicReference<Revision> latest = new AtomicReference<>(new Revision(0, null));
    private volatile NatsKeyValueWatchSubscription subscription;

    /** What the pages show; empty when there is no view yet. */
    public Optional<PlatformSummary> current() {
        return Optional.ofNullable(latest.get().summary());
    }

    /** Starts watching (idempotent): the watch then follows the key, reconnects included. */
    public synchronized void watch(KeyValue bucket) throws Exception {
        if (subscription == null) {
            subscription = bucket.watch(Buckets.PLATFORM_SUMMARY, new Watcher());
        }
    }

    /** One revision of the key: a put replaces the view, a delete or purge removes it. */
    void accept(long revision, KeyValueOperation operation, byte[] value) {
        PlatformSummary summary = null;
        if (operation == KeyValueOperation.PUT) {
            try {
                summary = toSummary(PlatformSummaryView.parseFrom(value == null ? new byte[0] : value));
            } catch (InvalidProtocolBufferException e) {
                log.warn("Ignoring revision {} of the platform summary view: not a PlatformSummaryView", revision);
                return;
            }
        }
        Revision next = new Revision(revision, summary);
        latest.accumulateAndGet(next, (current, offered) ->
                offered.revision() > current.revision() ? offered : current);
    }

    static PlatformSummary toSummary(PlatformSummaryView view) {
        return new PlatformSummary(
                view.getUsers(),
                view.getOrganizations(),
                view.getLatestSignupsList().stream()
                        .map(signup -> new PlatformSummary.RecentSignup(signup.getDisplayName(),
                                signup.hasRegisteredAt() ? instant(signup.getRegisteredAt()) : null))
                        .toList(),
                view.getAsOfSequence(),
                view.hasUpdatedAt() ? instant(view.getUpdatedAt()) : null);
    }

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            try {
                subscription.unsubscribe();
            } catch (RuntimeException e) {
                log.debug("Closing the views watch", e);
            }
            subscription = null;
        }
    }

    private record Revision(long revision, PlatformSummary summary) {
    }

    private final class Watcher implements KeyValueWatcher {
        @Override
        public void watch(KeyValueEntry entry) {
            accept(entry.getRevision(), entry.getOperation(), entry.getValue());
        }

        @Override
        public void endOfData() {
            log.info("Watching the platform summary view ({})",
                    current().isPresent() ? "one is there" : "none yet");
        }
    }
}
