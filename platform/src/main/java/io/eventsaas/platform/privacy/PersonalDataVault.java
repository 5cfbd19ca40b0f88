package io.eventsaas.platform.privacy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.privacy.PersonalDataKey;
import io.eventsaas.contracts.privacy.Sealed;
import io.eventsaas.platform.nats.KeyValueBuckets;
import io.eventsaas.platform.nats.NatsConnector;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatchOption;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crypto-shredding: personal data goes into events sealed (AES-256-GCM) with a key that belongs to one data
 * subject and lives in the KV bucket {@value Buckets#PERSONAL_DATA_KEYS}, outside the EVENTS stream and outside
 * every disposable database. {@link #destroy} purges the key, and from then on every copy of that subject's sealed
 * data, in the stream, an archive or any replay, opens to {@link Optional#empty()}.
 *
 * <p>Keys are cached for {@value #CACHE_SECONDS} seconds so that a replay does not ask NATS for the same key once
 * per event. Every vault also watches the bucket for deletes and purges and drops a destroyed key from its cache as
 * soon as the server tells it (milliseconds), so an erasure on one instance is complete on every instance at once,
 * not after the cache time. The watch is fan-out: each instance has its own (an ordered consumer that follows
 * reconnects), it only evicts, and it produces nothing. It asks for headers only: key material never travels to
 * the watchers. The cache time stays as the bound for the one case the watch cannot cover, a connection that is
 * down while another instance destroys a key.
 */
public final class PersonalDataVault implements AutoCloseable {

    static final long CACHE_SECONDS = 30;
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** The server's "wrong last sequence" (10071; 10164 on newer servers): the key exists already. */
    private static final int WRONG_LAST_SEQUENCE = 10071;
    private static final int WRONG_LAST_SEQUENCE_NEWER = 10164;
    private static final Logger log = LoggerFactory.getLogger(PersonalDataVault.class);

    private final NatsConnector connector;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, CachedKey> cache = new ConcurrentHashMap<>();
    /** Counts evictions by the watch: a key read before one must not be cached after it (it may be the old one). */
    private final AtomicLong evictions = new AtomicLong();
    private volatile KeyValue bucket;
    private volatile NatsKeyValueWatchSubscription watch;

    public PersonalDataVault(NatsConnector connector, Clock clock) {
        this.connector = connector;
        this.clock = clock;
    }

    /**
     * Creates the bucket when it is missing and starts watching it for destroyed keys. Call once NATS is connected
     * (a warm-up step); calling it again changes nothing.
     */
    public synchronized void open() {
        KeyValue kv = KeyValueBuckets.ensure(connector.connection(), connector.namespace(),
                Buckets.PERSONAL_DATA_KEYS, connector.properties().replicas());
        if (watch == null) {
            watch = watchForDestroyedKeys(kv);
        }
        bucket = kv;
    }

    private NatsKeyValueWatchSubscription watchForDestroyedKeys(KeyValue kv) {
        KeyValueWatcher evictDestroyed = new KeyValueWatcher() {
            @Override
            public void watch(KeyValueEntry entry) {
                if (entry.getOperation() != KeyValueOperation.PUT) {
                    evict(entry.getKey());
                }
            }

            @Override
            public void endOfData() {
                // Only updates are asked for: nothing to catch up on.
            }
        };
        try {
            // UPDATES_ONLY: what was destroyed before this vault started was never cached here.
            return kv.watchAll(evictDestroyed, KeyValueWatchOption.UPDATES_ONLY, KeyValueWatchOption.META_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch the personal-data keys", e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot watch the personal-data keys: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting to watch the personal-data keys", e);
        }
    }

    /** A key was destroyed (here or by another instance): forget it. */
    private void evict(String keyId) {
        evictions.incrementAndGet();
        if (cache.remove(keyId) != null) {
            log.debug("Personal-data key {} was destroyed: dropped from the cache", keyId);
        }
    }

    /** Seals {@code data} with the subject's key, creating the key on first use. */
    public Sealed seal(String keyId, Message data) {
        return seal(keyId, keyFor(keyId, Lookup.READ_ELSE_CREATE).orElseThrow(), data);
    }

    /**
     * Seals {@code data} for a subject whose key the caller expects not to exist yet (a user being registered, an
     * invitation being issued). It asks to create the key straight away, saving {@link #seal}'s lookup, which for a
     * new subject always misses. Creating stays a compare-and-set, so it is as safe as {@link #seal} when the
     * caller is wrong (a retried command, another instance first): the key already there is read and used.
     */
    public Sealed sealForNewSubject(String keyId, Message data) {
        return seal(keyId, keyFor(keyId, Lookup.CREATE_ELSE_READ).orElseThrow(), data);
    }

    private Sealed seal(String keyId, byte[] key, Message data) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, key, nonce, keyId, data.toByteArray());
        return Sealed.newBuilder()
                .setKeyId(keyId)
                .setNonce(ByteString.copyFrom(nonce))
                .setCiphertext(ByteString.copyFrom(ciphertext))
                .build();
    }

    /**
     * The sealed data, or empty when its key has been destroyed (the subject was erased) or the data was not sealed
     * with the key that now has this id.
     */
    public <M extends Message> Optional<M> open(Sealed sealed, Parser<M> parser) {
        if (sealed == null || sealed.getKeyId().isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> key = keyFor(sealed.getKeyId(), Lookup.READ);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] plain = crypt(Cipher.DECRYPT_MODE, key.get(), sealed.getNonce().toByteArray(), sealed.getKeyId(),
                    sealed.getCiphertext().toByteArray());
            return Optional.of(parser.parseFrom(plain));
        } catch (SealBrokenException | InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }

    /** Destroys the subject's key for good: idempotent. */
    public void destroy(String keyId) {
        cache.remove(keyId);
        try {
            bucket().purge(keyId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot destroy personal-data key " + keyId, e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot destroy personal-data key " + keyId + ": " + e.getMessage(), e);
        }
        cache.remove(keyId);
    }

    /** Whether the subject's key exists (false once destroyed). */
    public boolean hasKey(String keyId) {
        return keyFor(keyId, Lookup.READ).isPresent();
    }

    /** How a key missing from the cache is looked for in the bucket. */
    private enum Lookup {
        /** One round trip; empty when there is no key. */
        READ,
        /** One round trip when the key exists, two when it does not (then created). */
        READ_ELSE_CREATE,
        /** One round trip when the key does not exist yet (created), three when it does (then read). */
        CREATE_ELSE_READ
    }

    private Optional<byte[]> keyFor(String keyId, Lookup lookup) {
        Instant now = clock.instant();
        CachedKey cached = cache.get(keyId);
        if (cached != null && cached.loadedAt().plusSeconds(CACHE_SECONDS).isAfter(now)) {
            return Optional.of(cached.key());
        }
        long evictionsBefore = evictions.get();
        Optional<byte[]> key = switch (lookup) {
            case READ -> read(keyId);
            case READ_ELSE_CREATE -> read(keyId).or(() -> Optional.of(createKey(keyId, now)));
            case CREATE_ELSE_READ -> Optional.of(createKey(keyId, now));
        };
        if (key.isEmpty()) {
            cache.remove(keyId);
            return key;
        }
        CachedKey loaded = new CachedKey(key.get(), now);
        cache.put(keyId, loaded);
        if (evictions.get() != evictionsBefore) {
            // A key was destroyed while this one was read: perhaps this one, a moment after it was read. The watch
            // counts before it removes, so either it removes what was just put, or this sees the count move.
            cache.remove(keyId, loaded);
        }
        return key;
    }

    private Optional<byte[]> read(String keyId) {
        try {
            KeyValueEntry entry = bucket().get(keyId);
            if (entry == null || entry.getOperation() != KeyValueOperation.PUT || entry.getValue() == null) {
                return Optional.empty();
            }
            return Optional.of(PersonalDataKey.parseFrom(entry.getValue()).getAesKey().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read personal-data key " + keyId, e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot read personal-data key " + keyId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates the key atomically (a KV create: it fails when a key is there, and replaces only a destroyed one); when
     * a key is there already (another instance won the race, or the subject was not new), reads and uses that one.
     */
    private byte[] createKey(String keyId, Instant now) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        PersonalDataKey value = PersonalDataKey.newBuilder()
                .setAesKey(ByteString.copyFrom(key))
                .setCreatedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build();
        try {
            bucket().create(keyId, value.toByteArray());
            return key;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE || e.getApiErrorCode() == WRONG_LAST_SEQUENCE_NEWER) {
                return read(keyId).orElseThrow(() -> new IllegalStateException(
                        "personal-data key " + keyId + " was created and destroyed at once"));
            }
            throw new IllegalStateException("cannot create personal-data key " + keyId + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create personal-data key " + keyId, e);
        }
    }

    private static byte[] crypt(int mode, byte[] key, byte[] nonce, String keyId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SealBrokenException();
        } catch (GeneralSecurityException e) {
            if (mode == Cipher.DECRYPT_MODE) {
                throw new SealBrokenException();
            }
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private KeyValue bucket() {
        KeyValue b = bucket;
        if (b == null) {
            throw new IllegalStateException("PersonalDataVault.open() has not run yet");
        }
        return b;
    }

    private record CachedKey(byte[] key, Instant loadedAt) {
    }

    /** The ciphertext does not open with the key of that id: treated like a destroyed key. */
    private static final class SealBrokenException extends RuntimeException {
        SealBrokenException() {
            super(null, null, false, false);
        }
    }

    /**
     * How long an erasure may take to reach every instance's cache at worst: only when an instance's connection is
     * down while another destroys a key; otherwise the watch evicts it at once.
     */
    public static Duration cacheTime() {
        return Duration.ofSeconds(CACHE_SECONDS);
    }

    /** Stops watching the bucket (the connection's owner closes the connection). */
    @Override
    public synchronized void close() {
        NatsKeyValueWatchSubscription current = watch;
        watch = null;
        if (current != null) {
            try {
                current.unsubscribe();
            } catch (RuntimeException e) {
                log.debug("Closing the watch of the personal-data keys", e);
            }
        }
    }
}
