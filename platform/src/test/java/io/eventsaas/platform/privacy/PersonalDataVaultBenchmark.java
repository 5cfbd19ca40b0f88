package io.eventsaas.platform.privacy;

import com.google.protobuf.StringValue;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.nats.NatsProperties;
import io.eventsaas.platform.testing.TestInfrastructure;
import io.nats.client.Statistics;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * What sealing for a brand-new subject costs against the real NATS server: {@link PersonalDataVault#seal} (looks the
 * key up, misses, creates it) against {@link PersonalDataVault#sealForNewSubject} (creates it straight away), each
 * on a fresh key id, interleaved so that a noisy machine hurts both alike. Prints the time per seal and the NATS
 * requests per seal (the connection's own count). Not a test: run it and read the figures.
 *
 * <pre>
 * ./mvnw -q -pl platform test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt \
 *   -Dmdep.includeScope=test
 * cd platform &amp;&amp; java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) \
 *   io.eventsaas.platform.privacy.PersonalDataVaultBenchmark 400
 * </pre>
 * The argument: seals of each kind.
 */
public final class PersonalDataVaultBenchmark {

    private static final StringValue DATA = StringValue.of("ann@example.org");

    private PersonalDataVaultBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seals = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        String namespace = TestInfrastructure.newNamespace();
        try (NatsConnector connector = new NatsConnector(new NatsProperties(TestInfrastructure.natsUrl(), "",
                namespace, 1, Duration.ofSeconds(5), Duration.ofHours(1)), "vault-benchmark")) {
            connector.awaitConnection(Duration.ofSeconds(10));
            PersonalDataVault vault = new PersonalDataVault(connector, Clock.systemUTC());
            vault.open();
            Statistics statistics = connector.connection().getStatistics();
            for (int i = 0; i < 200; i++) { // warm up the JIT, the connection and the bucket
                vault.seal(newKeyId(), DATA);
                vault.sealForNewSubject(newKeyId(), DATA);
            }
            long[] lookUpFirst = new long[seals];
            long[] createFirst = new long[seals];
            long[] requests = new long[2];
            for (int i = 0; i < seals; i++) {
                lookUpFirst[i] = time(statistics, requests, 0, vault::seal);
                createFirst[i] = time(statistics, requests, 1, vault::sealForNewSubject);
            }
            print("seal, a fresh key (look up, then create)", lookUpFirst, requests[0]);
            print("sealForNewSubject, a fresh key (create)", createFirst, requests[1]);
            vault.close();
        } finally {
            TestInfrastructure.deleteNamespace(namespace);
        }
        System.exit(0);
    }

    private static String newKeyId() {
        return "bench-" + UUID.randomUUID();
    }

    private static long time(Statistics statistics, long[] requests, int slot,
            BiConsumer<String, StringValue> seal) {
        String keyId = newKeyId();
        long requestsBefore = statistics.getRequestsSent();
        long start = System.nanoTime();
        seal.accept(keyId, DATA);
        long elapsed = System.nanoTime() - start;
        requests[slot] += statistics.getRequestsSent() - requestsBefore;
        return elapsed;
    }

    private static void print(String what, long[] nanos, long requests) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-42s n=%d  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  NATS requests per seal %.2f%n", what,
                sorted.length, millis(sorted, 0.50), millis(sorted, 0.90), millis(sorted, 0.99),
                (double) requests / sorted.length);
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (quantile * sorted.length))] / 1e6;
    }
}
