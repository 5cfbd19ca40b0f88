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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
    /**
     * Writes {@link #publishAll} keeps in flight: enough to hide the round trip (one at a time managed ~1,800
     * views/s on loopback), few enough that a page of views never queues up unbounded in the client.
     */
    public static final int WINDOW = 256;

    /** Keys whose last write by this instance is remembered (a few MB at most). */
    private static final int REMEMBERED = 20_000;

    private final NatsConnector connector;
    private volatile KeyValue bucket;
    /** The live path's shortcut (see {@link #publish(String, Message)}), least recently used keys forgotten. */
    private final Map<String, Written> lastWritten = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Written> eldest) {
                    return size() > REMEMBERED;
                }
            });

    public ViewBucket(NatsConnector connector) {
        this.connector = connector;
    }

    /** Creates the bucket when it is missing; a warm-up step. */
    public void open() {
        lastWritten.clear(); // revisions of a bucket that may have been deleted and created again since
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

    /**
     * Writes the view unless the bucket holds the same, a newer version's or a later one. When this instance wrote
     * the key last and the view moved on from that write (same version, not behind, other content), it writes with
     * a compare-and-set on that write's revision straight away: one round trip instead of a read and a write. The
     * rules hold as before, since the bucket can only be at that revision if it still holds our write, and any
     * other write (another instance, a newer version, a delete) makes the server refuse it; then it looks again.
     */
    public Outcome publish(String key, Message view) {
        Written last = lastWritten.get(key);
        if (last != null && last.isFollowedBy(view)) {
            try {
                long revision = kv().update(key, view.toByteArray(), last.revision());
                remember(key, revision, view);
                return Outcome.PUBLISHED;
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != WRONG_LAST_SEQUENCE) {
                    throw new IllegalStateException("cannot publish " + key + ": " + e.getMessage(), e);
                }
                lastWritten.remove(key); // written by someone else since: decide on what the bucket holds
            } catch (IOException e) {
                throw new UncheckedIOException("cannot publish " + key, e);
            }
        }
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
        Outcome decision = decide(view, current);
        if (decision != Outcome.PUBLISHED) {
            return decision;
        }
        long revision = current == null
                ? kv().create(key, view.toByteArray()) // also takes the place of a delete marker
                : kv().update(key, view.toByteArray(), current.revision());
        remember(key, revision, view);
        return Outcome.PUBLISHED;
    }

    /**
     * Publishes many views as {@link #publish(String, Message, Current, boolean)} would, one decision per key,
     * but without waiting for each write before the next: the writes run on virtual threads, at most
     * {@value #WINDOW} at a time, and their round trips overlap (the client multiplexes them over the one
     * connection). They go through the key-value API like every other write here, never through a bare JetStream
     * publish, which projection-service may not use (ArchitectureTest, LawsTest). Each is still a compare-and-set
     * on the revision the snapshot found (create: the key must not exist). A write the server refuses because the
     * key moved on since the snapshot (another instance wrote, or a newer version) is done again the careful way,
     * which reads the key first; so the rules hold exactly as for one key at a time. Returns when every write has
     * been acknowledged; throws (and leaves the caller to retry them all, which is safe) when one fails otherwise.
     *
     * @param views    by key, as rendered now
     * @param snapshot the entries a {@link #snapshot} found, or null to read each key first (few keys)
     * @return how many views were written
     */
    public int publishAll(Map<String, ? extends Message> views, Map<String, Current> snapshot) {
        if (snapshot == null) {
            int published = 0;
            for (Map.Entry<String, ? extends Message> view : views.entrySet()) {
                if (publish(view.getKey(), view.getValue()) == Outcome.PUBLISHED) {
                    published++;
                }
            }
            return published;
        }
        KeyValue kv = kv();
        ArrayDeque<Write> inFlight = new ArrayDeque<>();
        List<String> refused = new ArrayList<>();
        int published = 0;
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Map.Entry<String, ? extends Message> view : views.entrySet()) {
                String key = view.getKey();
                Current current = snapshot.get(key);
                if (decide(view.getValue(), current) != Outcome.PUBLISHED) {
                    continue;
                }
                byte[] value = view.getValue().toByteArray();
                inFlight.add(new Write(key, view.getValue(), writers.submit(() -> current == null
                        ? kv.create(key, value) // also takes the place of a delete marker
                        : kv.update(key, value, current.revision()))));
                if (inFlight.size() >= WINDOW) {
                    published += settle(inFlight.poll(), refused);
                }
            }
            while (!inFlight.isEmpty()) {
                published += settle(inFlight.poll(), refused);
            }
        }
        for (String key : refused) {
            if (publish(key, views.get(key)) == Outcome.PUBLISHED) {
                published++;
            }
        }
        return published;
    }

    /** 1 when the write landed, 0 when the key had moved on (then noted in {@code refused}). */
    private int settle(Write write, List<String> refused) {
        try {
            long revision = write.revision().get(connector.properties().requestTimeout().toMillis() * 2,
                    TimeUnit.MILLISECONDS);
            remember(write.key(), revision, write.view());
            return 1;
        } catch (ExecutionException e) {
            if (wrongLastSequence(e)) {
                refused.add(write.key());
                return 0;
            }
            throw new IllegalStateException("cannot publish " + write.key() + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no acknowledgement for the view " + write.key() + " within "
                    + connector.properties().requestTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing views", e);
        }
    }

    /** The refusal of the server, however the client wrapped it. */
    private static boolean wrongLastSequence(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JetStreamApiException api) {
                return api.getApiErrorCode() == WRONG_LAST_SEQUENCE;
            }
        }
        return false;
    }

    /** Whether to write {@code view} over the entry the bucket holds ({@code current}, null: none). */
    private static Outcome decide(Message view, Current current) {
        if (current == null) {
            return Outcome.PUBLISHED;
        }
        if (Arrays.equals(current.value(), view.toByteArray())) {
            return Outcome.UNCHANGED; // the same bytes: no need to parse and compare
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

    private record Write(String key, Message view, Future<Long> revision) {
    }

    private void remember(String key, long revision, Message view) {
        lastWritten.put(key, new Written(revision, (int) field(view, "read_model_version"),
                (long) field(view, "as_of_sequence"), Arrays.hashCode(withoutTimestamp(view).toByteArray())));
    }

    /** This instance's last write of a key: its revision, and enough of the view to tell whether one follows it. */
    private record Written(long revision, int readModelVersion, long asOfSequence, int contentHash) {

        /**
         * The view is of the same version, not behind, and says something else (equal hashes go the careful way:
         * they may be equal views, which are not written again).
         */
        boolean isFollowedBy(Message view) {
            return (int) field(view, "read_model_version") == readModelVersion
                    && (long) field(view, "as_of_sequence") >= asOfSequence
                    && Arrays.hashCode(withoutTimestamp(view).toByteArray()) != contentHash;
        }
    }
}
