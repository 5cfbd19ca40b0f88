package io.eventsaas.platform.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** Creates a key-value bucket when it is missing (idempotent; safe when several instances start at once). */
public final class KeyValueBuckets {

    private KeyValueBuckets() {
    }

    public static KeyValue ensure(Connection connection, Namespace namespace, String bucket, int replicas) {
        return ensure(connection, namespace, bucket, replicas, null);
    }

    /** A bucket whose entries expire {@code maxAge} after they were last written (null: never). */
    public static KeyValue ensure(Connection connection, Namespace namespace, String bucket, int replicas,
            Duration maxAge) {
        String name = namespace.name(bucket);
        try {
            KeyValueManagement kvm = connection.keyValueManagement();
            if (!kvm.getBucketNames().contains(name)) {
                try {
                    KeyValueConfiguration.Builder config = KeyValueConfiguration.builder()
                            .name(name)
                            .storageType(StorageType.File)
                            .replicas(replicas)
                            .maxHistoryPerKey(1);
                    if (maxAge != null) {
                        config.ttl(maxAge);
                    }
                    kvm.create(config.build());
                } catch (JetStreamApiException raced) {
                    // Another instance created it between our look and our create: that is fine.
                    if (!kvm.getBucketNames().contains(name)) {
                        throw raced;
                    }
                }
            }
            return connection.keyValue(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open key-value bucket " + name, e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot create key-value bucket " + name + ": " + e.getMessage(), e);
        }
    }
}
