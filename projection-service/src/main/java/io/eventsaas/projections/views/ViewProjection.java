package io.eventsaas.projections.views;

import com.google.protobuf.Message;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.platform.projection.Projection;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A versioned read model that publishes views. Its tables carry the version in their names ({@code _v<n>}) and its
 * checkpoint is {@code <model>-v<n>}: a new version is built beside the old one, from the first event, while the
 * old one (in the instances still running the old code) keeps serving; the new one publishes nothing until it has
 * caught up, and from then on its views (read_model_version n) win over the old ones.
 */
public abstract class ViewProjection implements Projection {

    private static final Logger log = LoggerFactory.getLogger(ViewProjection.class);
    /** Keys rendered and published together: a few queries and one window of writes each. */
    private static final int PAGE = 1000;
    private static final Set<String> KNOWN_TYPES = Arrays.stream(EventTypes.class.getFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
            .map(f -> {
                try {
                    return (String) f.get(null);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.toUnmodifiableSet());

    protected final JdbcTemplate jdbc;
    protected final int version;
    private final ViewOutbox outbox;
    private final ViewBucket bucket;
    private volatile boolean publishedOnce;

    protected ViewProjection(JdbcTemplate jdbc, int version, ViewOutbox outbox, ViewBucket bucket) {
        this.jdbc = jdbc;
        this.version = version;
        this.outbox = outbox;
        this.bucket = bucket;
    }

    /** The read model's name without version, e.g. {@code activity}. */
    protected abstract String model();

    /** The DDL of its tables, {@code {v}} standing for the version; idempotent (IF NOT EXISTS). */
    protected abstract List<String> tables();

    /** The key pattern of its views, to read them all at once before the first publish. */
    protected abstract String keyPattern();

    /** The view of a key as the tables say now, or empty when there is none. */
    protected abstract Optional<Message> render(String key);

    /**
     * The views of these keys as the tables say now, keys without a view left out. This renders them one by one;
     * a read model with many keys overrides it to render a page of keys with a few queries.
     */
    protected Map<String, Message> renderAll(List<String> keys) {
        Map<String, Message> views = new LinkedHashMap<>();
        for (String key : keys) {
            render(key).ifPresent(view -> views.put(key, view));
        }
        return views;
    }

    @Override
    public final String name() {
        return model() + "-v" + version;
    }

    /** Types of this contract version: others (a newer producer's) are counted as unknown. */
    @Override
    public boolean knows(String eventType) {
        return KNOWN_TYPES.contains(eventType);
    }

    /** Payload versions this code reads (UserRegistered 2 seals the personal data; all others are at 1). */
    @Override
    public int newestSchemaVersion(String eventType) {
        return EventTypes.USER_REGISTERED.equals(eventType) ? 2 : 1;
    }

    /** Creates this version's tables (a warm-up step, before the runner starts). */
    public void createTables() {
        outbox.ensureTable();
        for (String ddl : tables()) {
            jdbc.execute(ddl.replace("{v}", Integer.toString(version)));
        }
    }

    protected String table(String base) {
        return base + "_v" + version;
    }

    /** Marks views changed; inside the batch's transaction. */
    protected void changed(java.util.Collection<String> keys) {
        outbox.changed(name(), keys);
    }

    @Override
    public void afterCommit(long position, boolean caughtUp) {
        if (caughtUp) {
            publishPending();
        }
    }

    /**
     * Publishes every view changed since the last publish (the whole read model after a replay), a page of keys
     * at a time: rendered together, compared with one snapshot read of the bucket when there are many, written
     * with pipelined compare-and-sets ({@link ViewBucket#publishAll}); the page leaves the outbox only once every
     * write of it is acknowledged.
     */
    public synchronized int publishPending() {
        int published = 0;
        Map<String, ViewBucket.Current> snapshot = null;
        while (true) {
            List<String> keys = outbox.pending(name(), PAGE);
            if (keys.isEmpty()) {
                break;
            }
            if (snapshot == null && (!publishedOnce || keys.size() >= 100)) {
                snapshot = bucket.snapshot(keyPattern()); // one pass instead of a look-up per key
            }
            published += bucket.publishAll(renderAll(keys), snapshot);
            outbox.done(name(), keys);
        }
        if (published > 0 || !publishedOnce) {
            log.debug("{} published {} views", name(), published);
        }
        publishedOnce = true;
        return published;
    }
}
