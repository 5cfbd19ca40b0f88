package io.eventsaas.billing.runs;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Which instance runs the scheduled billing run: a lease in a JetStream key-value bucket, taken and renewed by
 * compare-and-set on the key's revision. nats-server 2.9 has no per-key expiry, so the value carries the holder and
 * the moment the lease expires ({@code <holder> <epoch millis>}); a holder that dies stops renewing, and once that
 * moment has passed another instance takes the lease over, again by compare-and-set, so of two instances trying at
 * once exactly one wins. See docs/adr/0016.
 */
public final class RunLease {

    private final java.util.function.Supplier<KeyValue> buckets;
    private final String key;
    private final String holder;
    private final Duration ttl;
    private final Clock clock;

    public RunLease(java.util.function.Supplier<KeyValue> buckets, String key, String holder, Duration ttl, Clock clock) {
        this.buckets = buckets;
        this.key = key;
        this.holder = holder;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Takes or renews the lease; true when this instance holds it until {@code now + ttl}. */
    public boolean tryAcquire() {
        Instant now = clock.instant();
        byte[] value = (holder + " " + now.plus(ttl).toEpochMilli()).getBytes(StandardCharsets.UTF_8);
        try {
            KeyValue bucket = buckets.get();
            KeyValueEntry entry = bucket.get(key);
            if (entry == null || entry.getValue() == null) {
                bucket.create(key, value);
                return true;
            }
            String[] current = new String(entry.getValue(), StandardCharsets.UTF_8).split(" ");
            boolean mine = current[0].equals(holder);
            boolean expired = current.length < 2 || Long.parseLong(current[1]) <= now.toEpochMilli();
            if (!mine && !expired) {
                return false;
            }
            bucket.update(key, value, entry.getRevision());
            return true;
        } catch (JetStreamApiException e) {
            return false; // someone else wrote the key between our read and our write: they hold it
        } catch (IOException e) {
            return false;
        }
    }

    /** Gives the lease up (expires it now) if this instance holds it, so another may take it at once. */
    public void release() {
        try {
            KeyValue bucket = buckets.get();
            KeyValueEntry entry = bucket.get(key);
            if (entry != null && entry.getValue() != null
                    && new String(entry.getValue(), StandardCharsets.UTF_8).startsWith(holder + " ")) {
                bucket.update(key, (holder + " 0").getBytes(StandardCharsets.UTF_8), entry.getRevision());
            }
        } catch (JetStreamApiException | IOException ignored) {
            // it expires on its own
        }
    }

    public String holder() {
        return holder;
    }
}
