package io.eventsaas.gateway.views;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One key of the views bucket, kept in memory: a watch delivers the current value and every update, so a page reads
 * a field instead of asking NATS, and listeners (server-sent events) hear of each new value. Empty until
 * projection-service has written one (or when it is deleted).
 *
 * <p>The connection dispatches messages on an executor, so two updates can arrive out of order: the one with the
 * higher revision wins, and an older one never replaces or announces anything.
 */
public abstract class WatchedView<M extends Message, T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WatchedView.class);

    private final String key;
    private final Parser<M> parser;
    private final Function<M, T> toValue;
    private final AtomicReference<Revision<T>> latest = new AtomicReference<>(new Revision<>(0, null));
    private final CopyOnWriteArrayList<Consumer<T>> listeners = new CopyOnWriteArrayList<>();
    private volatile NatsKeyValueWatchSubscription subscription;

    WatchedView(String key, Parser<M> parser, Function<M, T> toValue) {
        this.key = key;
        this.parser = parser;
        this.toValue = toValue;
    }

    /** The latest value; empty when there is none yet. */
    public Optional<T> current() {
        return Optional.ofNullable(latest.get().value());
    }

    /** Calls the listener with every new value until the returned handle is run. */
    public Runnable onChange(Consumer<T> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Starts watching (idempotent): the watch then follows the key, reconnects included. */
    public synchronized void watch(KeyValue bucket) throws Exception {
        if (subscription == null) {
            subscription = bucket.watch(key, new KeyValueWatcher() {
                @Override
                public void watch(KeyValueEntry entry) {
                    accept(entry.getRevision(), entry.getOperation(), entry.getValue());
                }

                @Override
                public void endOfData() {
                    log.info("Watching the view {} ({})", key, current().isPresent() ? "one is there" : "none yet");
                }
            });
        }
    }

    /** One revision of the key: a put replaces the value, a delete or purge removes it. */
    void accept(long revision, KeyValueOperation operation, byte[] value) {
        T next = null;
        if (operation == KeyValueOperation.PUT) {
            try {
                next = toValue.apply(parser.parseFrom(value == null ? new byte[0] : value));
            } catch (InvalidProtocolBufferException e) {
                log.warn("Ignoring revision {} of the view {}: it cannot be read", revision, key);
                return;
            }
        }
        Revision<T> offered = new Revision<>(revision, next);
        Revision<T> now = latest.accumulateAndGet(offered, (current, candidate) ->
                candidate.revision() > current.revision() ? candidate : current);
        if (now == offered && next != null) {
            for (Consumer<T> listener : listeners) {
                try {
                    listener.accept(next);
                } catch (RuntimeException e) {
                    log.debug("A listener of the view {} failed", key, e);
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            try {
                subscription.unsubscribe();
            } catch (RuntimeException e) {
                log.debug("Closing the watch of the view {}", key, e);
            }
            subscription = null;
        }
    }

    private record Revision<T>(long revision, T value) {
    }
}
