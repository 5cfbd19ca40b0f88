package io.eventsaas.projections.views;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.platform.nats.KeyValueBuckets;
import io.eventsaas.platform.nats.NatsConnector;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatchOption;
import io.nats.client.api.KeyValueWatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Writes views into the KV bucket {@value Buckets#VIEWS}, where the gateway reads them. Every view message has
 * {@code read_model_version} (field 1) and {@code as_of_sequence} (field 2). A write is a compare-and-set on the
 * key's revision and happens only when the view says something new, never over a view of a newer read-model version
 * (a new version, once it has caught up, wins over the old instances still running) nor over one of the same
 * version and a later stream sequence (an instance a little behind cannot move a view backwards). So instances side
 * by side, each with its own database or sharing one, never make a view flap.
 */
public final class ViewBucket {

    /** What a write did. */
    public enum Outcome { PUBLISHED, UNCHANGED, NEWER_PUBLISHED }

    private static final int WRONG_LAST_SEQUENCE = 10071;
    private static final int ATTEMPTS = 10;

    private final NatsConnector connector;
    private volatile KeyValue bucket;

    public ViewBucket(NatsConnector connector) {
        this.connector = connector;
    }

    /** Creates the bucket when it is missing; a warm-up step. */
    public void open() {
        bucket = KeyValueBuckets.ensure(connector.connection(), connector.namespace(), Buckets.VIEWS,
                connector.properties().replicas());
    }

    /** The current entries under a key pattern (e.g. {@code org-overview.>}), read in one pass. */
    public Map<String, Current> snapshot(String keyPattern) {
        Map<String, Current> entries = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(1);
        try {
            var subscription = kv().watch(keyPattern, new KeyValueWatcher() {
                @Override
                public void watch(KeyValueEntry entry) {
                    if (entry.getOperation() == KeyValueOperation.PUT) {
                        entries.put(entry.getKey(), new Current(entry.getRevision(), entry.getValue()));
                    }
                }

                @Override
                public void endOfData() {
                    done.countDown();
                }
            }, KeyValueWatchOption.IGNORE_DELETE);
            try {
                if (!done.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("timed out reading the views under " + keyPattern);
                }
            } finally {
                subscription.unsubscribe();
            }
            return entries;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot watch " + keyPattern + ": " + e.getMessage(), e);
        }
    }

    /** Writes the view unless the bucket holds the same, a newer version's or a later one. */
    public Outcome publish(String key, Message view) {
        return publish(key, view, null, false);
    }

    /**
     * As {@link #publish(String, Message)}, starting from the entry a {@link #snapshot} found ({@code known}, null
     * when there was none) when {@code fromSnapshot}; a conflict makes it look again.
     */
    public Outcome publish(String key, Message view, Current known, boolean fromSnapshot) {
        Current current = known;
        boolean fetched = !fromSnapshot;
        try {
            for (int attempt = 1; ; attempt++) {
                if (current == null && fetched) {
                    KeyValueEntry entry = kv().get(key);
                    current = entry == null || entry.getValue() == null ? null
                            : new Current(entry.getRevision(), entry.getValue());
                }
                try {
                    return write(key, view, current);
                } catch (JetStreamApiException e) {
                    if (e.getApiErrorCode() != WRONG_LAST_SEQUENCE || attempt == ATTEMPTS) {
                        throw new IllegalStateException("cannot publish " + key + ": " + e.getMessage(), e);
                    }
                    current = null; // another instance wrote in between: look again
                    fetched = true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + key, e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    private Outcome write(String key, Message view, Current current) throws IOException, JetStreamApiException {
        if (current == null) {
            kv().create(key, view.toByteArray());
            return Outcome.PUBLISHED;
        }
        Message published = parseOrNull(view, current.value());
        if (published != null) {
            int version = (int) field(published, "read_model_version");
            int mine = (int) field(view, "read_model_version");
            long asOf = (long) field(published, "as_of_sequence");
            if (version > mine || (version == mine && asOf > (long) field(view, "as_of_sequence"))) {
                return Outcome.NEWER_PUBLISHED;
            }
            if (withoutTimestamp(published).equals(withoutTimestamp(view))) {
                return Outcome.UNCHANGED;
            }
        }
        kv().update(key, view.toByteArray(), current.revision());
        return Outcome.PUBLISHED;
    }

    private static Object field(Message message, String name) {
        FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
        return message.getField(field);
    }

    private static Message withoutTimestamp(Message message) {
        FieldDescriptor field = message.getDescriptorForType().findFieldByName("updated_at");
        return field == null ? message : message.toBuilder().clearField(field).build();
    }

    private static Message parseOrNull(Message prototype, byte[] value) {
        try {
            return prototype.getParserForType().parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            return null; // not a view we can read: replace it
        }
    }

    /** Reads one key (tests and the gateway read the same way). */
    public byte[] read(String key) {
        try {
            KeyValueEntry entry = kv().get(key);
            return entry == null ? null : entry.getValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyValue kv() {
        KeyValue kv = bucket;
        if (kv == null) {
            throw new IllegalStateException("the views bucket is not open yet");
        }
        return kv;
    }

    /** A key's current revision and value. */
    public record Current(long revision, byte[] value) {
    }
}
