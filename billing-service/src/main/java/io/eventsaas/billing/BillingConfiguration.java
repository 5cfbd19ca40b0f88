package io.eventsaas.billing;

import io.eventsaas.billing.access.Access;
import io.eventsaas.billing.events.Aggregates;
import io.eventsaas.billing.events.BillingEventCodec;
import io.eventsaas.billing.invoicing.Charger;
import io.eventsaas.billing.invoicing.InvoiceIssuer;
import io.eventsaas.billing.nats.BillingBuckets;
import io.eventsaas.billing.payments.PaymentProvider;
import io.eventsaas.billing.payments.SandboxPaymentProvider;
import io.eventsaas.billing.runs.BillingRun;
import io.eventsaas.billing.runs.RunLease;
import io.eventsaas.billing.runs.ScheduledBillingRuns;
import io.eventsaas.billing.store.BillingReadModel;
import io.eventsaas.billing.subscriptions.SubscriptionHandlers;
import io.eventsaas.billing.subscriptions.WhenOrganizationCreatedThenStartFreePlan;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.policy.PolicyRunner;
import io.eventsaas.platform.policy.PolicyRunners;
import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.platform.projection.ReadModelFreshness;
import io.eventsaas.platform.rpc.RpcServer;
import io.eventsaas.platform.warmup.WarmUp;
import io.eventsaas.platform.warmup.WarmUpStep;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How billing-service is put together, and the order in which an instance gets ready (law 6): its database, NATS,
 * the stream and its buckets, its read model caught up with the stream, and only then the work the instances share
 * (the free-plan policy's durable consumer, the RPC queue groups) and the scheduled run's lease.
 */
@Configuration(proxyBeanMethods = false)
class BillingConfiguration {

    /** Time for everything billing decides; the billing run's as-of date comes with the request instead. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Aggregates aggregates(EventStore eventStore, BillingEventCodec codec, BillingReadModel readModel) {
        return new Aggregates(eventStore, codec, readModel);
    }

    /** How long an authorisation check waits for this instance's read model to reach the stream's tail. */
    @Bean
    Access access(BillingReadModel readModel, EventStore eventStore, ProjectionRunner readModelRunner,
            @Value("${billing.read-model-wait}") Duration readModelWait) {
        return new Access(readModel, new ReadModelFreshness(eventStore, readModelRunner, readModelWait));
    }

    @Bean
    PaymentProvider paymentProvider(BillingBuckets buckets) {
        return new SandboxPaymentProvider(buckets.chargeLedger());
    }

    @Bean
    InvoiceIssuer invoiceIssuer(BillingBuckets buckets, Aggregates aggregates) {
        return new InvoiceIssuer(buckets.invoiceNumbers(), aggregates);
    }

    @Bean
    Charger charger(PaymentProvider provider, Aggregates aggregates) {
        return new Charger(provider, aggregates);
    }

    @Bean
    BillingRun billingRun(BillingReadModel readModel, ProjectionRunner readModelRunner, EventStore eventStore,
            Aggregates aggregates, InvoiceIssuer issuer, Charger charger) {
        return new BillingRun(readModel, readModelRunner, eventStore, aggregates, issuer, charger);
    }

    @Bean
    SubscriptionHandlers subscriptionHandlers(Access access, BillingReadModel readModel, Aggregates aggregates,
            PaymentProvider provider, InvoiceIssuer issuer, Charger charger, ProjectionRunner readModelRunner,
            EventStore eventStore, Clock clock) {
        return new SubscriptionHandlers(access, readModel, aggregates, provider, issuer, charger, readModelRunner,
                eventStore, clock);
    }

    /** Started by the warm-up, after the read model has caught up. */
    @Bean
    PolicyRunner freePlanPolicy(PolicyRunners policies, EventStore eventStore, BillingEventCodec codec) {
        return policies.runnerFor(new WhenOrganizationCreatedThenStartFreePlan(eventStore, codec));
    }

    @Bean(destroyMethod = "close")
    ScheduledBillingRuns scheduledBillingRuns(BillingRun run, BillingBuckets buckets, Clock clock,
            @Value("${billing.runs.interval:PT10M}") Duration interval,
            @Value("${billing.runs.lease-ttl:PT30M}") Duration leaseTtl) {
        if (leaseTtl.compareTo(interval) <= 0) {
            throw new IllegalArgumentException("billing.runs.lease-ttl (" + leaseTtl
                    + ") must be longer than billing.runs.interval (" + interval + ")");
        }
        RunLease lease = new RunLease(buckets::leases, "billing-run", "billing-" + UUID.randomUUID(), leaseTtl, clock);
        return new ScheduledBillingRuns(run, lease, interval, clock);
    }

    @Bean
    WarmUp warmUp(@Value("${spring.application.name}") String serviceName, Flyway flyway, NatsConnector connector,
            EventStore eventStore, BillingBuckets buckets, ProjectionRunner readModel, PolicyRunner freePlanPolicy,
            RpcServer rpcServer, ScheduledBillingRuns scheduledRuns,
            @Value("${billing.runs.scheduled:true}") boolean scheduled) {
        List<WarmUpStep> steps = new ArrayList<>(List.of(
                WarmUpStep.of("migrate the database", flyway::migrate),
                WarmUpStep.of("connect to NATS", () -> connector.awaitConnection(Duration.ofSeconds(10))),
                WarmUpStep.of("set up the event stream", eventStore::ensureStream),
                WarmUpStep.of("open the billing buckets", buckets::open),
                WarmUpStep.of("catch up the read model", readModel::catchUp),
                WarmUpStep.of("start the free-plan policy", freePlanPolicy::start),
                WarmUpStep.of("join the queue groups of the billing endpoints", rpcServer::start)));
        if (scheduled) {
            steps.add(WarmUpStep.of("schedule the billing run (one instance, by lease)", scheduledRuns::start));
        }
        return new WarmUp(serviceName, steps);
    }
}
