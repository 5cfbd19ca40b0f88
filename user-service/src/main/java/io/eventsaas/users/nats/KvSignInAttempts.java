package io.eventsaas.users.nats;

import com.google.protobuf.InvalidProtocolBufferException;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.users.SignInAttempts;
import io.eventsaas.platform.nats.KeyValueBuckets;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.users.sessions.FailedSignIns;
import io.eventsaas.users.sessions.SignInAttemptStore;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins in the KV bucket {@code sign-in-attempts}, shared by every instance: create expects no
 * revision, update names the revision it replaces (compare-and-set), so concurrent failures all count. The
 * bucket's max age (failure window plus lockout) forgets old records by itself.
 */
@Component
final class KvSignInAttempts implements SignInAttemptStore {

    /** The server's "wrong last sequence": the key exists (create) or moved on (update). */
    private static final int WRONG_LAST_SEQUENCE = 10071;

    private final NatsConnector connector;
    private volatile KeyValue bucket;

    KvSignInAttempts(NatsConnector connector) {
        this.connector = connector;
    }

    @Override
    public void open(Duration maxAge) {
        bucket = KeyValueBuckets.ensure(connector.connection(), connector.namespace(), Buckets.SIGN_IN_ATTEMPTS,
                connector.properties().replicas(), maxAge);
    }

    @Override
    public Optional<Versioned> find(String key) {
        try {
            KeyValueEntry entry = bucket().get(key);
            if (entry == null || entry.getOperation() != KeyValueOperation.PUT || entry.getValue() == null) {
                return entry == null ? Optional.empty()
                        : Optional.of(new Versioned(FailedSignIns.none(), entry.getRevision()));
            }
            SignInAttempts value = SignInAttempts.parseFrom(entry.getValue());
            return Optional.of(new Versioned(new FailedSignIns(value.getFailures(),
                    value.hasFirstFailureAt() ? KvSessions.instant(value.getFirstFailureAt()) : null,
                    value.hasLockedUntil() ? KvSessions.instant(value.getLockedUntil()) : null), entry.getRevision()));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a sign-in attempts record that cannot be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read failed sign-ins", e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot read failed sign-ins: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean compareAndSet(String key, FailedSignIns attempts, long revision) {
        SignInAttempts.Builder value = SignInAttempts.newBuilder().setFailures(attempts.failures());
        if (attempts.firstFailureAt() != null) {
            value.setFirstFailureAt(KvSessions.timestamp(attempts.firstFailureAt()));
        }
        if (attempts.lockedUntil() != null) {
            value.setLockedUntil(KvSessions.timestamp(attempts.lockedUntil()));
        }
        try {
            if (revision == 0) {
                bucket().create(key, value.build().toByteArray());
            } else {
                bucket().update(key, value.build().toByteArray(), revision);
            }
            return true;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
                return false;
            }
            throw new IllegalStateException("cannot count a failed sign-in: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count a failed sign-in", e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            bucket().purge(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset failed sign-ins", e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot reset failed sign-ins: " + e.getMessage(), e);
        }
    }

    private KeyValue bucket() {
        KeyValue kv = bucket;
        if (kv == null) {
            throw new IllegalStateException("the sign-in-attempts bucket is not open yet (the warm-up opens it)");
        }
        return kv;
    }
}
