package io.eventsaas.platform.nats;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where NATS is and how to talk to it. From the environment: {@code NATS_URL}, {@code NATS_CREDS},
 * {@code NATS_NAMESPACE}, {@code NATS_REPLICAS}, {@code NATS_REQUEST_TIMEOUT},
 * {@code NATS_DUPLICATE_WINDOW}.
 *
 * @param url            one or more server URLs, comma separated
 * @param creds          path to a {@code .creds} file (Synadia Cloud, or any server with JWT auth); empty for none
 * @param namespace      prefix for every subject and name (see {@link Namespace}); empty in production
 * @param replicas       replicas of the streams and buckets this service creates (3 in a cluster)
 * @param requestTimeout how long an RPC call or a JetStream API call may take before it counts as failed
 * @param duplicateWindow how long the event store remembers message ids: a command retried within it appends
 *                        nothing (after it, handlers recognise their own earlier append by its causation id)
 */
@ConfigurationProperties("nats")
public record NatsProperties(
        @DefaultValue("nats://127.0.0.1:4222") String url,
        @DefaultValue("") String creds,
        @DefaultValue("") String namespace,
        @DefaultValue("1") int replicas,
        @DefaultValue("5s") Duration requestTimeout,
        @DefaultValue("1h") Duration duplicateWindow) {

    public NatsProperties {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("nats.url (NATS_URL) must not be empty");
        }
        if (replicas < 1 || replicas > 5) {
            throw new IllegalArgumentException("nats.replicas (NATS_REPLICAS) must be 1 to 5, not " + replicas);
        }
        if (creds != null && !creds.isBlank() && !new java.io.File(creds).canRead()) {
            throw new IllegalArgumentException("nats.creds (NATS_CREDS) names a file that cannot be read: " + creds);
        }
    }

    public Namespace namespaceObject() {
        return new Namespace(namespace);
    }
}
