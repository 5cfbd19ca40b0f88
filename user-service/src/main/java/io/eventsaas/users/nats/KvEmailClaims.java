package io.eventsaas.users.nats;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.platform.nats.KeyValueBuckets;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.users.domain.EmailAddress;
import io.eventsaas.users.registration.EmailClaim;
import io.eventsaas.users.registration.EmailClaims;
import io.eventsaas.users.sessions.StartSessionHandler;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * E-mail claims in the JetStream key-value bucket {@code email-claims}, shared by every instance. Creating a key
 * is atomic on the server (a write that expects the key to have no revision), which is what makes an address
 * unique however many instances register at once. Replacing a claim names the revision it replaces
 * (compare-and-set).
 */
@Component
final class KvEmailClaims implements EmailClaims, StartSessionHandler.EmailOwners {

    /** The server's "wrong last sequence": the key exists (create) or moved on (update). */
    private static final int WRONG_LAST_SEQUENCE = 10071;

    private final NatsConnector connector;
    private volatile KeyValue bucket;

    KvEmailClaims(NatsConnector connector) {
        this.connector = connector;
    }

    @Override
    public void open() {
        bucket = KeyValueBuckets.ensure(connector.connection(), connector.namespace(), Buckets.EMAIL_CLAIMS,
                connector.properties().replicas());
    }

    @Override
    public Optional<EmailClaim.Held> claim(EmailAddress email, EmailClaim claim) {
        String key = keyOf(email);
        try {
            // Twice at most: should the claim be freed (an erasure, an operator) between our create and our
            // get, the next create succeeds.
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    bucket().create(key, encode(claim));
                    return Optional.empty();
                } catch (JetStreamApiException e) {
                    if (e.getApiErrorCode() != WRONG_LAST_SEQUENCE) {
                        throw new IllegalStateException("cannot claim an e-mail address: " + e.getMessage(), e);
                    }
                }
                KeyValueEntry entry = bucket().get(key);
                if (entry != null) {
                    return Optional.of(new EmailClaim.Held(decode(entry.getValue()), entry.getRevision()));
                }
            }
            throw new IllegalStateException("the claim of an e-mail address keeps disappearing");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim an e-mail address", e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot read the claim of an e-mail address: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean replace(EmailAddress email, EmailClaim claim, long revision) {
        try {
            bucket().update(keyOf(email), encode(claim), revision);
            return true;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
                return false;
            }
            throw new IllegalStateException("cannot replace an e-mail claim: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace an e-mail claim", e);
        }
    }

    @Override
    public void release(String normalisedEmail, UUID userId) {
        String key = keyOf(normalisedEmail);
        try {
            KeyValueEntry entry = bucket().get(key);
            if (entry == null || entry.getValue() == null || !decode(entry.getValue()).userId().equals(userId)) {
                return;
            }
            // Only the claim as read: should somebody else take the address in between, theirs stays.
            bucket().delete(key, entry.getRevision());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != WRONG_LAST_SEQUENCE) {
                throw new IllegalStateException("cannot free an e-mail address: " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot free an e-mail address", e);
        }
    }

    @Override
    public Optional<UUID> ownerOf(String normalisedEmail) {
        try {
            KeyValueEntry entry = bucket().get(keyOf(normalisedEmail));
            return entry == null || entry.getValue() == null ? Optional.empty()
                    : Optional.of(decode(entry.getValue()).userId());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the claim of an e-mail address", e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot read the claim of an e-mail address: " + e.getMessage(), e);
        }
    }

    /**
     * Hex SHA-256 of the normalised address: keys may not hold '@', and the bucket's subjects and keys then
     * reveal nobody's address.
     */
    static String keyOf(EmailAddress email) {
        return keyOf(email.value());
    }

    static String keyOf(String normalisedEmail) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(normalisedEmail.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private KeyValue bucket() {
        KeyValue kv = bucket;
        if (kv == null) {
            throw new IllegalStateException("the e-mail claims bucket is not open yet (the warm-up opens it)");
        }
        return kv;
    }

    static byte[] encode(EmailClaim claim) {
        return io.eventsaas.contracts.users.EmailClaim.newBuilder()
                .setUserId(claim.userId().toString())
                .setCommandId(claim.commandId())
                .setClaimedAt(Timestamp.newBuilder()
                        .setSeconds(claim.claimedAt().getEpochSecond())
                        .setNanos(claim.claimedAt().getNano()))
                .build().toByteArray();
    }

    static EmailClaim decode(byte[] value) {
        try {
            var claim = io.eventsaas.contracts.users.EmailClaim.parseFrom(value);
            return new EmailClaim(UUID.fromString(claim.getUserId()), claim.getCommandId(),
                    Instant.ofEpochSecond(claim.getClaimedAt().getSeconds(), claim.getClaimedAt().getNanos()));
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new IllegalStateException("an e-mail claim that cannot be read: " + e.getMessage(), e);
        }
    }
}
