package io.eventsaas.users.nats;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.users.Session;
import io.eventsaas.platform.nats.KeyValueBuckets;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.users.sessions.SessionRecord;
import io.eventsaas.users.sessions.SessionStore;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Sessions in the KV bucket {@code sessions}, shared by every instance; the bucket's max age is the session
 * lifetime, so an expired session disappears by itself. All sessions of a user share the key prefix
 * {@code <user id>.}, which a filtered key listing finds (works on nats-server 2.9).
 */
@Component
final class KvSessions implements SessionStore {

    private final NatsConnector connector;
    private volatile KeyValue bucket;

    KvSessions(NatsConnector connector) {
        this.connector = connector;
    }

    @Override
    public void open(Duration maxAge) {
        bucket = KeyValueBuckets.ensure(connector.connection(), connector.namespace(), Buckets.SESSIONS,
                connector.properties().replicas(), maxAge);
    }

    @Override
    public void save(String key, SessionRecord session) {
        try {
            bucket().put(key, Session.newBuilder()
                    .setSessionId(session.sessionId())
                    .setUserId(session.userId().toString())
                    .setStartedAt(timestamp(session.startedAt()))
                    .setExpiresAt(timestamp(session.expiresAt()))
                    .setUserAgent(session.userAgent())
                    .setCredentialsStamp(session.credentialsStamp())
                    .build().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a session", e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot store a session: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<SessionRecord> find(String key) {
        try {
            KeyValueEntry entry = bucket().get(key);
            if (entry == null || entry.getOperation() != KeyValueOperation.PUT || entry.getValue() == null) {
                return Optional.empty();
            }
            Session session = Session.parseFrom(entry.getValue());
            return Optional.of(new SessionRecord(session.getSessionId(), UUID.fromString(session.getUserId()),
                    instant(session.getStartedAt()), instant(session.getExpiresAt()), session.getUserAgent(),
                    session.getCredentialsStamp()));
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            return Optional.empty(); // a value that cannot be read is no session
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a session", e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot read a session: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            bucket().purge(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot end a session", e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot end a session: " + e.getMessage(), e);
        }
    }

    @Override
    public int deleteAll(UUID userId) {
        try {
            List<String> keys = bucket().keys(userId + ".*");
            for (String key : keys) {
                bucket().purge(key);
            }
            return keys.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot end the sessions of user " + userId, e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot end the sessions of user " + userId + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ending the sessions of user " + userId, e);
        }
    }

    private KeyValue bucket() {
        KeyValue kv = bucket;
        if (kv == null) {
            throw new IllegalStateException("the sessions bucket is not open yet (the warm-up opens it)");
        }
        return kv;
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
