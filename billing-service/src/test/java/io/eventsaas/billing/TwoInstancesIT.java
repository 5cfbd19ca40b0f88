package io.eventsaas.billing;

import static io.eventsaas.billing.BillingTestClient.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.billing.runs.BillingRun;
import io.eventsaas.billing.runs.RunLease;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.Streams;
import io.eventsaas.contracts.billing.InvoiceDetails;
import io.eventsaas.platform.nats.KeyValueBuckets;
import io.eventsaas.platform.policy.PolicyRunner;
import io.eventsaas.platform.testing.RunningInstances;
import io.nats.client.KeyValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two billing instances in one namespace, each with its own database, as in production (laws 4 and 5). */
@DisplayName("two billing-service instances")
class TwoInstancesIT {

    @RegisterExtension
    static final RunningInstances<BillingServiceInstance> billing = RunningInstances.of("billing_two", 2,
            BillingServiceInstance::start);
    private static List<BillingServiceInstance> instances;
    private static BillingTestClient client;

    @BeforeAll
    static void connect() throws Exception {
        instances = billing.instances();
        client = billing.closeAfterAll(new BillingTestClient(billing.namespace()));
    }

    @Test
    @DisplayName("given organisations on paid plans, when both instances run billing at the same time (twice), then "
            + "each organisation gets one subscription, one invoice per period, charged once, numbered without gaps")
    void overlappingRuns() throws Exception {
        int organizations = 12;
        List<String> owners = new ArrayList<>();
        List<String> orgs = new ArrayList<>();
        for (int i = 0; i < organizations; i++) {
            String owner = UUID.randomUUID().toString();
            String org = client.createOrganization(owner);
            // Membership is authorised from each instance's own read model: both know the organisation first.
            awaitBothCaughtUp();
            client.attachCard(org, user(owner), "4242424242424242", 12, 2099);
            client.changePlan(org, user(owner), i % 2 == 0 ? "pro" : "team");
            owners.add(owner);
            orgs.add(org);
        }
        long handled = instances.stream().mapToLong(i -> i.bean("freePlanPolicy", PolicyRunner.class).handled()).sum();
        assertThat(handled).as("OrganizationCreated handled once between the instances").isEqualTo(organizations);
        for (String org : orgs) {
            assertThat(client.eventStore.load(Streams.SUBSCRIPTION, org).getFirst().type())
                    .isEqualTo("SubscriptionStarted");
        }

        Instant asOf = Instant.now().plus(Duration.ofDays(32));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<BillingRun.Report>> runs = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (BillingServiceInstance instance : instances) {
                    runs.add(pool.submit(() -> instance.bean(BillingRun.class).run(asOf, "overlap")));
                }
            }
            for (Future<BillingRun.Report> run : runs) {
                run.get();
            }
        }

        // Either instance may answer the reads below: both must show everything the four runs appended.
        long last = client.lastSequence();
        for (BillingServiceInstance instance : instances) {
            instance.bean(io.eventsaas.platform.projection.ProjectionRunner.class).awaitPosition(last,
                    Duration.ofSeconds(30));
        }
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < organizations; i++) {
            List<InvoiceDetails> invoices = client.invoices(orgs.get(i), user(owners.get(i))).getInvoicesList();
            assertThat(invoices).as("proration and one monthly invoice").hasSize(2);
            for (InvoiceDetails invoice : invoices) {
                assertThat(invoice.getStatus()).isEqualTo("paid");
                assertThat(client.sandboxChargesOf(invoice.getInvoiceId())).isEqualTo(1);
                numbers.add(invoice.getNumber());
            }
        }
        // Numbers run per series (the year of issue): 1..n in each, no gaps, no repeats. The prorated invoices are
        // this year's; the renewals a month on fall into next year's series in December.
        assertThat(numbers).hasSize(2 * organizations).doesNotHaveDuplicates();
        Map<String, List<Long>> bySeries = numbers.stream().collect(Collectors.groupingBy(
                n -> n.substring(0, n.indexOf('-')),
                Collectors.mapping(n -> Long.parseLong(n.substring(n.indexOf('-') + 1)), Collectors.toList())));
        bySeries.forEach((series, inSeries) -> assertThat(inSeries.stream().sorted().toList())
                .as("series " + series + ": numbers 1..n, no gaps, no repeats")
                .isEqualTo(LongStream.rangeClosed(1, inSeries.size()).boxed().toList()));
    }

    private static void awaitBothCaughtUp() throws Exception {
        long last = client.lastSequence();
        for (BillingServiceInstance instance : instances) {
            instance.bean(io.eventsaas.platform.projection.ProjectionRunner.class).awaitPosition(last,
                    Duration.ofSeconds(30));
        }
    }

    @Test
    @DisplayName("given a lease in the bucket, then of two instances one holds it; when the holder stops renewing, "
            + "the other takes it over after it expired, by compare-and-set")
    void lease() throws Exception {
        KeyValue bucket = KeyValueBuckets.ensure(client.connector.connection(), client.connector.namespace(),
                Buckets.BILLING_LEASES, 1);
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        String key = "lease-test-" + UUID.randomUUID();
        RunLease a = new RunLease(() -> bucket, key, "a", Duration.ofMinutes(5), clock);
        RunLease b = new RunLease(() -> bucket, key, "b", Duration.ofMinutes(5), clock);

        assertThat(a.tryAcquire()).isTrue();
        assertThat(b.tryAcquire()).isFalse();
        now.set(now.get().plus(Duration.ofMinutes(4)));
        assertThat(a.tryAcquire()).as("the holder renews").isTrue();
        now.set(now.get().plus(Duration.ofMinutes(4)));
        assertThat(b.tryAcquire()).as("not expired yet: renewed 4 minutes ago").isFalse();
        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertThat(b.tryAcquire()).as("a stopped renewing: expired").isTrue();
        assertThat(a.tryAcquire()).isFalse();

        // Two contenders for an expired lease at once: exactly one wins.
        now.set(now.get().plus(Duration.ofMinutes(10)));
        RunLease c = new RunLease(() -> bucket, key, "c", Duration.ofMinutes(5), clock);
        RunLease d = new RunLease(() -> bucket, key, "d", Duration.ofMinutes(5), clock);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Boolean> first = pool.submit(c::tryAcquire);
            Future<Boolean> second = pool.submit(d::tryAcquire);
            assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(true, false);
        }
    }
}
