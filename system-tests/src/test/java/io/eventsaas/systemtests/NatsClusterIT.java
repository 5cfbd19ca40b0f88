package io.eventsaas.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.Appended;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StreamInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three-server cluster of {@code deploy/nats-cluster} (n1.conf .. n3.conf, with the users of
 * {@code deploy/nats/auth.conf}) on private ports: the event store keeps EVENTS at three replicas, and appends and
 * reads go on when the server that leads the stream dies.
 *
 * <p>The local server may be 2.9.10, where per-subject expected-sequence checks are not safe under concurrent
 * writers in a cluster (nats-server issue 4320, fixed in 2.9.21): this test writes from one writer only.
 * {@code deploy/nats-cluster/failover-check.sh} runs the whole system on such a cluster.
 */
class NatsClusterIT {

    private static final Logger log = LoggerFactory.getLogger(NatsClusterIT.class);
    // Passwords start with a letter: nats-server parses a $VARIABLE's value, and one that looks like a number fails.
    private static final String PASSWORD = "us" + UUID.randomUUID().toString().replace("-", "");
    private static final String ADMIN_PASSWORD = "ad" + UUID.randomUUID().toString().replace("-", "");

    private static Path workDir;
    private static final Map<String, NatsServerProcess> nodes = new HashMap<>();
    private static final List<String> urls = new ArrayList<>();
    private static NatsConnector connector;
    private static EventStore store;

    @BeforeAll
    static void startCluster() throws Exception {
        String binary = NatsServerProcess.binary();
        boolean syncInterval = NatsServerProcess.supportsSyncInterval(NatsServerProcess.version(binary));
        workDir = Files.createTempDirectory("nats-cluster");
        Files.copy(NatsServerProcess.repositoryFile("deploy/nats/auth.conf"), workDir.resolve("auth.conf"));
        int[] client = new int[4];
        int[] route = new int[4];
        int[] http = new int[4];
        for (int n = 1; n <= 3; n++) {
            client[n] = ServiceProcess.freePort();
            route[n] = ServiceProcess.freePort();
            http[n] = ServiceProcess.freePort();
        }
        Map<String, String> environment = new HashMap<>();
        for (String user : List.of("GATEWAY", "BILLING_SERVICE", "PROJECTION_SERVICE")) {
            environment.put("NATS_" + user + "_PASSWORD", "pw" + UUID.randomUUID().toString().replace("-", ""));
        }
        environment.put("NATS_USER_SERVICE_PASSWORD", PASSWORD);
        environment.put("NATS_ADMIN_PASSWORD", ADMIN_PASSWORD);

        List<Thread> starting = new ArrayList<>();
        List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int n = 1; n <= 3; n++) {
            String config = Files.readString(NatsServerProcess.repositoryFile("deploy/nats-cluster/n" + n + ".conf"));
            for (int m = 1; m <= 3; m++) {
                config = config.replace("127.0.0.1:1422" + m, "127.0.0.1:" + client[m])
                        .replace("127.0.0.1:1622" + m, "127.0.0.1:" + route[m])
                        .replace("127.0.0.1:1822" + m, "127.0.0.1:" + http[m]);
            }
            config = config.replaceAll("(?m)^(\\s*)store_dir:.*$", "$1store_dir: \"" + workDir.resolve("n" + n) + "\"")
                    .replaceAll("(?m)^include .*$", "include auth.conf");
            if (!syncInterval) {
                config = config.replaceAll("(?m)^\\s*sync_interval:.*$", "");
            }
            Path file = workDir.resolve("n" + n + ".conf");
            Files.writeString(file, config);
            String name = "n" + n;
            int port = client[n];
            urls.add("nats://127.0.0.1:" + port);
            // Together: a node waits for its routes, and JetStream needs a quorum to elect its meta leader.
            starting.add(Thread.ofVirtual().start(() -> {
                try {
                    nodes.put(name, NatsServerProcess.start(binary, "nats-cluster-" + name, file, port, environment));
                } catch (Exception e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : starting) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }

        // As user-service: the user that creates EVENTS and appends to events.user.>.
        connector = new NatsConnector(new NatsProperties(String.join(",", urls), "", "", 3, Duration.ofSeconds(5),
                Duration.ofHours(1), "user-service", PASSWORD, ""), "user-service");
        connector.awaitConnection(Duration.ofSeconds(20));
        store = new EventStore(connector, Clock.systemUTC());
        retry(Duration.ofSeconds(60), "create EVENTS at three replicas", () -> {
            store.ensureStream();
            return null;
        });
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (connector != null) {
            connector.close();
        }
        for (NatsServerProcess node : nodes.values()) {
            node.close();
        }
        if (workDir != null) {
            try (var files = Files.walk(workDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @DisplayName("with three replicas, the event store keeps appending and reading when the stream's leader dies")
    void survivesTheLossOfOneServer() throws Exception {
        StreamInfo info = admin(nc -> nc.jetStreamManagement().getStreamInfo("EVENTS"));
        assertThat(info.getConfiguration().getReplicas()).isEqualTo(3);
        String id = UUID.randomUUID().toString();
        Appended first = retry(Duration.ofSeconds(30), "first append", () -> store.append(append(id, 0, "first")));

        String leader = admin(nc -> nc.jetStreamManagement().getStreamInfo("EVENTS").getClusterInfo().getLeader());
        log.info("Stopping {}, the leader of EVENTS", leader);
        nodes.get(leader).stop(true);

        Appended second = retry(Duration.ofSeconds(60), "append after losing " + leader,
                () -> store.append(append(id, first.sequence(), "second")));
        List<RecordedEvent> events = retry(Duration.ofSeconds(60), "load after losing " + leader,
                () -> store.load("user", id));

        assertThat(events).extracting(RecordedEvent::type).containsExactly("ClusterProbeMade", "ClusterProbeMade");
        assertThat(second.sequence()).isGreaterThan(first.sequence());
        String newLeader = admin(nc -> nc.jetStreamManagement().getStreamInfo("EVENTS").getClusterInfo().getLeader());
        assertThat(newLeader).isNotEqualTo(leader);
    }

    private static Append append(String id, long expected, String step) {
        return new Append("user", id, expected, step + "-" + id, "cluster-test", step + "-" + id,
                List.of(new NewEvent("ClusterProbeMade", 1, step.getBytes(StandardCharsets.UTF_8))));
    }

    private interface Action<T> {
        T run() throws Exception;
    }

    private interface AdminAction<T> {
        T run(Connection nc) throws Exception;
    }

    /** As admin, on whichever server still answers (a JetStream API call may fail while leaders are elected). */
    private static <T> T admin(AdminAction<T> action) throws Exception {
        return retry(Duration.ofSeconds(30), "admin call", () -> {
            try (Connection nc = Nats.connect(Options.builder().servers(urls.toArray(String[]::new))
                    .userInfo("admin", ADMIN_PASSWORD).maxReconnects(0).build())) {
                return action.run(nc);
            }
        });
    }

    /** Retries while a new leader is elected; a failover takes seconds, not more. */
    private static <T> T retry(Duration timeout, String what, Action<T> action) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return action.run();
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(what + " still failing after " + timeout, e);
                }
                log.info("{} failed ({}); retrying", what, e.toString());
                Thread.sleep(250);
            }
        }
    }
}
