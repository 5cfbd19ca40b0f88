package io.eventsaas.billing;

import com.google.protobuf.Timestamp;
import io.eventsaas.billing.runs.BillingRun;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.Streams;
import io.eventsaas.contracts.billing.Money;
import io.eventsaas.contracts.billing.PaymentMethodAttached;
import io.eventsaas.contracts.billing.PlanChanged;
import io.eventsaas.contracts.users.OrganizationCreated;
import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.NewEvent;
import io.eventsaas.platform.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Not a test (no assertions, not picked up by surefire or failsafe): a benchmark of one billing run over N paid
 * subscriptions, against the real servers. Run it explicitly:
 * {@code ./mvnw -o -pl billing-service test -Dtest=BillingRunBenchmark -Dbenchmark.subscriptions=1000}.
 */
class BillingRunBenchmark {

    @Test
    void billingRunOverManySubscriptions() throws Exception {
        int n = Integer.getInteger("benchmark.subscriptions", 1000);
        String namespace = TestInfrastructure.newNamespace();
        String database = TestInfrastructure.newDatabase("billing_bench");
        try (BillingTestClient client = new BillingTestClient(namespace);
             BillingServiceInstance service = BillingServiceInstance.start(namespace, database)) {
            long setupStart = System.nanoTime();
            List<String> orgs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String org = UUID.randomUUID().toString();
                orgs.add(org);
                client.eventStore.append(new Append(Streams.ORGANIZATION, org, 0, "bench-org-" + org, "bench", org,
                        List.of(new NewEvent(EventTypes.ORGANIZATION_CREATED, 1, OrganizationCreated.newBuilder()
                                .setOrganizationId(org).setName("Bench").setOwnerUserId(UUID.randomUUID().toString())
                                .build().toByteArray()))));
            }
            Instant now = Instant.now();
            for (String org : orgs) {
                long version;
                while ((version = client.eventStore.versionOf(Streams.SUBSCRIPTION, org)) == 0) {
                    Thread.sleep(20);
                }
                Money pro = Money.newBuilder().setMinorUnits(1900).setCurrency("USD").build();
                client.eventStore.append(new Append(Streams.SUBSCRIPTION, org, version, "bench-pro-" + org, "bench",
                        org, List.of(
                        new NewEvent(EventTypes.PAYMENT_METHOD_ATTACHED, 1, PaymentMethodAttached.newBuilder()
                                .setOrganizationId(org).setBrand("visa").setLast4("4242").setExpMonth(12)
                                .setExpYear(2099).setProviderReference("sandbox_ok_" + org).build().toByteArray()),
                        new NewEvent(EventTypes.PLAN_CHANGED, 1, PlanChanged.newBuilder().setOrganizationId(org)
                                .setFromPlanCode("free").setToPlanCode("pro").setMonthlyAmount(pro)
                                .setEffectiveAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                                .setReason("upgrade").setProratedAmount(Money.newBuilder().setCurrency("USD"))
                                .build().toByteArray()))));
            }
            System.out.printf("setup: %d paid subscriptions in %.1f s%n", n, (System.nanoTime() - setupStart) / 1e9);

            // The read model catches up with the set-up first: the run's own catch-up is not what is measured.
            service.bean(io.eventsaas.platform.projection.ProjectionRunner.class)
                    .awaitPosition(client.lastSequence(), Duration.ofMinutes(2));
            BillingRun run = service.bean(BillingRun.class);
            Instant asOf = now.plus(Duration.ofDays(32));
            BillingRun.Report first = run.run(asOf, "bench");
            double seconds = first.took().toNanos() / 1e9;
            System.out.printf("run 1: %d renewed, %d invoices issued, %d paid in %.2f s: %.0f invoices/s "
                    + "(issued, numbered and charged)%n", first.renewed(), first.issued(), first.paid(), seconds,
                    first.issued() / seconds);
            BillingRun.Report again = run.run(asOf, "bench-again");
            System.out.printf("run 2 (same as-of, nothing to do): %d issued in %.2f s%n", again.issued(),
                    again.took().toNanos() / 1e9);
        } finally {
            TestInfrastructure.deleteNamespace(namespace);
            TestInfrastructure.dropDatabase(database);
        }
    }
}
