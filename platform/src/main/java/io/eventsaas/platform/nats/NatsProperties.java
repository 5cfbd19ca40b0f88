package io.eventsaas.platform.nats;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where NATS is and how to talk to it. From the environment: {@code NATS_URL}, {@code NATS_CREDS},
 * {@code NATS_USER}, {@code NATS_PASSWORD}, {@code NATS_INBOX_PREFIX}, {@code NATS_NAMESPACE},
 * {@code NATS_REPLICAS}, {@code NATS_REQUEST_TIMEOUT}, {@code NATS_DUPLICATE_WINDOW}.
 *
 * @param url            one or more server URLs, comma separated
 * @param creds          path to a {@code .creds} file (Synadia Cloud, or any server with JWT auth); empty for none
 * @param namespace      prefix for every subject and name (see {@link Namespace}); empty in production
 * @param replicas       replicas of the streams and buckets this service creates (3 in a cluster)
 * @param requestTimeout how long an RPC call or a JetStream API call may take before it counts as failed
 * @param duplicateWindow how long the event store remembers message ids: a command retried within it appends
 *                        nothing (after it, handlers recognise their own earlier append by its causation id)
 * @param user           user name for a server with user/password accounts ({@code deploy/nats/auth.conf});
 *                        empty for none. Not together with {@code creds}.
 * @param password       that user's password
 * @param inboxPrefix    prefix of this connection's reply subjects; empty means {@code _INBOX_<service name>}, so
 *                        the server's permissions can let each service receive only its own replies
 */
@ConfigurationProperties("nats")
public record NatsProperties(
        @DefaultValue("nats://127.0.0.1:4222") String url,
        @DefaultValue("") String creds,
        @DefaultValue("") String namespace,
        @DefaultValue("1") int replicas,
        @DefaultValue("5s") Duration requestTimeout,
        @DefaultValue("1h") Duration duplicateWindow,
        @DefaultValue("") String user,
        @DefaultValue("") String password,
        @DefaultValue("") String inboxPrefix) {

    @ConstructorBinding
    public NatsProperties {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("nats.url (NATS_URL) must not be empty");
        }
        if (replicas < 1 || replicas > 5) {
            throw new IllegalArgumentException("nats.replicas (NATS_REPLICAS) must be 1 to 5, not " + replicas);
        }
        creds = creds == null ? "" : creds.strip();
        user = user == null ? "" : user.strip();
        password = password == null ? "" : password;
        inboxPrefix = inboxPrefix == null ? "" : inboxPrefix.strip();
        if (!creds.isEmpty() && !new java.io.File(creds).canRead()) {
            throw new IllegalArgumentException("nats.creds (NATS_CREDS) names a file that cannot be read: " + creds);
        }
        if (user.isEmpty() != password.isEmpty()) {
            throw new IllegalArgumentException(user.isEmpty()
                    ? "nats.password (NATS_PASSWORD) is set but nats.user (NATS_USER) is not: set both or neither"
                    : "nats.user (NATS_USER) is set but nats.password (NATS_PASSWORD) is not: set both or neither");
        }
        if (!user.isEmpty() && !creds.isEmpty()) {
            throw new IllegalArgumentException(
                    "set either nats.creds (NATS_CREDS) or nats.user/nats.password (NATS_USER/NATS_PASSWORD), not both");
        }
        if (!inboxPrefix.isEmpty() && !inboxPrefix.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?")) {
            throw new IllegalArgumentException("nats.inbox-prefix (NATS_INBOX_PREFIX) '" + inboxPrefix
                    + "' must be subject tokens of letters, digits, _ and - separated by dots (no wildcards)");
        }
    }

    /** Without user/password and with the default inbox prefix: what tests against an open server need. */
    public NatsProperties(String url, String creds, String namespace, int replicas, Duration requestTimeout,
            Duration duplicateWindow) {
        this(url, creds, namespace, replicas, requestTimeout, duplicateWindow, "", "", "");
    }

    public Namespace namespaceObject() {
        return new Namespace(namespace);
    }

    /** The inbox prefix to use for a connection named {@code connectionName} (see {@link #inboxPrefix}). */
    public String inboxPrefixFor(String connectionName) {
        if (!inboxPrefix.isEmpty()) {
            return inboxPrefix;
        }
        return "_INBOX_" + connectionName.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "NatsProperties[url=" + url + ", creds=" + creds + ", user=" + user
                + ", password=" + (password.isEmpty() ? "" : "****") + ", inboxPrefix=" + inboxPrefix
                + ", namespace=" + namespace + ", replicas=" + replicas + ", requestTimeout=" + requestTimeout
                + ", duplicateWindow=" + duplicateWindow + "]";
    }
}
