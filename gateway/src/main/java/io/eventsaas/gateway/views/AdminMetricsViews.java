package io.eventsaas.gateway.views;

import com.google.protobuf.InvalidProtocolBufferException;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.views.PlatformMetricsView;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform metrics, kept in memory by a watch on their key in the views bucket, and pushed to whoever listens
 * (the admin dashboard's server-sent events) each time projection-service publishes a new revision. Updates that
 * arrive out of order are ordered by revision: an older one never replaces a newer one.
 */
public final class AdminMetricsViews implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminMetricsViews.class);

    private final AtomicReference<Revision> latest = new AtomicReference<>(new Revision(0, null));
    private final CopyOnWriteArrayList<Consumer<AdminMetrics>> listeners = new CopyOnWriteArrayList<>();
    private volatile NatsKeyValueWatchSubscription subscription;

    public Optional<AdminMetrics> current() {
        return Optional.ofNullable(latest.get().metrics());
    }

    /** Calls the listener with every new revision until the returned handle is run. */
    public Runnable onChange(Consumer<AdminMetrics> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public synchronized void watch(KeyValue bucket) throws Exception {
        if (subscription == null) {
            subscription = bucket.watch(Buckets.PLATFORM_METRICS, new KeyValueWatcher() {
                @Override
                public void watch(KeyValueEntry entry) {
                    accept(entry.getRevision(), entry.getOperation(), entry.getValue());
                }

                @Override
                public void endOfData() {
                    log.info("Watching the platform metrics view ({})", current().isPresent() ? "one is there" : "none yet");
                }
            });
        }
    }

    void accept(long revision, KeyValueOperation operation, byte[] value) {
        AdminMetrics metrics = null;
        if (operation == KeyValueOperation.PUT) {
            try {
                metrics = toMetrics(PlatformMetricsView.parseFrom(value == null ? new byte[0] : value));
            } catch (InvalidProtocolBufferException e) {
                log.warn("Ignoring revision {} of the platform metrics: not a PlatformMetricsView", revision);
                return;
            }
        }
        Revision offered = new Revision(revision, metrics);
        Revision now = latest.accumulateAndGet(offered, (current, next) ->
                next.revision() > current.revision() ? next : current);
        if (now == offered && metrics != null) {
            for (Consumer<AdminMetrics> listener : listeners) {
                try {
                    listener.accept(metrics);
                } catch (RuntimeException e) {
                    log.debug("A metrics listener failed", e);
                }
            }
        }
    }

    static AdminMetrics toMetrics(PlatformMetricsView view) {
        return new AdminMetrics(view.getUsers(), view.getOrganizations(),
                view.getActiveSubscriptionsList().stream()
                        .map(p -> new AdminMetrics.PlanCount(p.getPlanCode(), p.getCount())).toList(),
                view.getMrrMinorUnits(), view.getCurrency(),
                view.getSignupsPerDayList().stream().map(d -> new AdminMetrics.DayCount(d.getDay(), d.getCount()))
                        .toList(),
                view.getChurnedSubscriptions(), view.getInvoicesPaid(), view.getInvoicesFailed(),
                view.getMrrPerDayList().stream()
                        .map(d -> new AdminMetrics.DayAmount(d.getDay(), d.getMinorUnits())).toList(),
                view.getAsOfSequence(),
                view.hasUpdatedAt() ? Instant.ofEpochSecond(view.getUpdatedAt().getSeconds(),
                        view.getUpdatedAt().getNanos()) : null);
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            try {
                subscription.unsubscribe();
            } catch (RuntimeException e) {
                log.debug("Closing the metrics watch", e);
            }
            subscription = null;
        }
    }

    private record Revision(long revision, AdminMetrics metrics) {
    }
}
