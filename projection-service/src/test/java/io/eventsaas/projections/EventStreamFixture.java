package io.eventsaas.projections;

import com.google.protobuf.InvalidProtocolBufferException;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.Streams;
import io.eventsaas.contracts.users.OrganizationCreated;
import io.eventsaas.contracts.users.UserRegistered;
import io.eventsaas.contracts.views.PlatformSummaryView;
import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.nats.KeyValueBuckets;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A namespace of its own on the real NATS server: its EVENTS stream, filled through the platform's event store
 * exactly as user-service appends (one message per command, expected version 0 for a new aggregate, a message id
 * from the command), and its views bucket, read as the gateway reads it. Closed by the test, or after each test
 * when registered: {@code @RegisterExtension final EventStreamFixture stream = new EventStreamFixture();}.
 */
final class EventStreamFixture implements AutoCloseable, AfterEachCallback {

    final String namespace = TestInfrastructure.newNamespace();
    private final NatsConnector connector;
    private final EventStore store;
    private io.eventsaas.platform.privacy.PersonalDataVault vault;

    EventStreamFixture() {
        connector = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "", namespace, 1,
                Duration.ofSeconds(10), Duration.ofHours(1)), "projection-service-test");
        store = new EventStore(connector, Clock.systemUTC());
        try {
            connector.awaitConnection(Duration.ofSeconds(10));
            store.ensureStream();
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the event stream in namespace " + namespace, e);
        }
    }

    /** What user-service appends when someone registers: the user, then their personal organisation. */
    Registration register(String displayName) {
        String userId = UUID.randomUUID().toString();
        String organizationId = UUID.randomUUID().toString();
        long userSequence = userRegistered(userId, displayName, organizationId);
        organizationCreated(organizationId, displayName + "'s organisation", userId);
        return new Registration(userId, organizationId, userSequence);
    }

    long userRegistered(String userId, String displayName, String personalOrganizationId) {
        UserRegistered event = UserRegistered.newBuilder()
                .setUserId(userId)
                .setEmail(userId + "@example.com")
                .setDisplayName(displayName)
                .setPasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA")
                .setPersonalOrganizationId(personalOrganizationId)
                .build();
        return append(Streams.USER, userId, EventTypes.USER_REGISTERED, 1, event.toByteArray());
    }

    long organizationCreated(String organizationId, String name, String ownerUserId) {
        OrganizationCreated event = OrganizationCreated.newBuilder()
                .setOrganizationId(organizationId)
                .setName(name)
                .setOwnerUserId(ownerUserId)
                .setPersonal(true)
                .build();
        return append(Streams.ORGANIZATION, organizationId, EventTypes.ORGANIZATION_CREATED, 1, event.toByteArray());
    }

    /** Appends one event as the first of a new aggregate; returns its stream sequence. */
    long append(String aggregateType, String aggregateId, String type, int schemaVersion, byte[] payload) {
        String commandId = UUID.randomUUID().toString();
        return store.append(new Append(aggregateType, aggregateId, 0, commandId, commandId, commandId,
                List.of(new NewEvent(type, schemaVersion, payload)))).sequence();
    }

    /** Appends one event after the aggregate's current version (any aggregate, new or not). */
    long appendNext(String aggregateType, String aggregateId, String type, int schemaVersion, byte[] payload) {
        String commandId = UUID.randomUUID().toString();
        return store.append(new Append(aggregateType, aggregateId, store.versionOf(aggregateType, aggregateId),
                commandId, commandId, commandId, List.of(new NewEvent(type, schemaVersion, payload)))).sequence();
    }

    long appendNext(String aggregateType, String aggregateId, com.google.protobuf.Message event) {
        String type = event.getDescriptorForType().getName();
        int version = type.equals(EventTypes.USER_REGISTERED) ? 2 : 1;
        return appendNext(aggregateType, aggregateId, type, version, event.toByteArray());
    }

    /** The personal-data vault of this namespace, as user-service seals with it. */
    synchronized io.eventsaas.platform.privacy.PersonalDataVault vault() {
        if (vault == null) {
            vault = new io.eventsaas.platform.privacy.PersonalDataVault(connector, Clock.systemUTC());
            vault.open();
        }
        return vault;
    }

    /** What user-service appends for a sign-up since schema version 2: the personal data sealed. */
    long userRegisteredSealed(String userId, String displayName, String email, String personalOrganizationId) {
        var sealed = vault().seal("user-" + userId, io.eventsaas.contracts.users.UserPersonalData.newBuilder()
                .setDisplayName(displayName).setEmail(email).setPasswordHash("$argon2id$x").build());
        return appendNext(Streams.USER, userId, UserRegistered.newBuilder().setUserId(userId)
                .setPersonalOrganizationId(personalOrganizationId).setPersonalData(sealed).build());
    }

    /** Every key and value of the views bucket, with the time of writing cleared (for comparisons). */
    java.util.Map<String, String> allViews() throws Exception {
        java.util.Map<String, String> views = new java.util.TreeMap<>();
        KeyValue kv = views();
        for (String key : kv.keys()) {
            KeyValueEntry entry = kv.get(key);
            if (entry != null && entry.getValue() != null) {
                views.put(key, java.util.HexFormat.of().formatHex(withoutUpdatedAt(key, entry.getValue())));
            }
        }
        return views;
    }

    private static byte[] withoutUpdatedAt(String key, byte[] value) throws Exception {
        if (key.equals(Buckets.PLATFORM_METRICS)) {
            return io.eventsaas.contracts.views.PlatformMetricsView.parseFrom(value).toBuilder().clearUpdatedAt()
                    .build().toByteArray();
        }
        if (key.equals(Buckets.PLATFORM_SUMMARY)) {
            return PlatformSummaryView.parseFrom(value).toBuilder().clearUpdatedAt().build().toByteArray();
        }
        return value;
    }

    NatsConnector connector() {
        return connector;
    }

    EventStore store() {
        return store;
    }

    /** Registers {@code users} users (each with a personal organisation) from many threads at once. */
    void registerConcurrently(int users, int threads) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = t * users / threads;
                int to = (t + 1) * users / threads;
                done.add(pool.submit(() -> {
                    for (int i = from; i < to; i++) {
                        register("user " + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    long lastSequence() {
        return store.lastSequence();
    }

    /** The views bucket, created if the service has not created it yet. */
    KeyValue views() {
        return KeyValueBuckets.ensure(connector.connection(), connector.namespace(), Buckets.VIEWS, 1);
    }

    /** The platform summary as the gateway would read it now. */
    Optional<PlatformSummaryView> view() throws Exception {
        KeyValueEntry entry = views().get(Buckets.PLATFORM_SUMMARY);
        return entry == null ? Optional.empty() : Optional.of(parse(entry.getValue()));
    }

    static PlatformSummaryView parse(byte[] value) {
        try {
            return PlatformSummaryView.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("the view is not a PlatformSummaryView", e);
        }
    }

    @Override
    public void close() throws Exception {
        TestInfrastructure.deleteNamespace(namespace);
        connector.close();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }

    record Registration(String userId, String organizationId, long userSequence) {
    }
}
