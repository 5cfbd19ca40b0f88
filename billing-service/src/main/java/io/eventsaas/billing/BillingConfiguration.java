package io.eventsaas.billing;

import io.eventsaas.billing.nats.ListPlansEndpoint;
import io.eventsaas.contracts.Endpoints;
import io.eventsaas.contracts.billing.ListPlans;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.observability.Telemetry;
import io.eventsaas.platform.rpc.RpcServer;
import io.eventsaas.platform.warmup.WarmUp;
import io.eventsaas.platform.warmup.WarmUpStep;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's endpoints and its warm-up: migrate, connect, set up the stream, and only then take requests. */
@Configuration(proxyBeanMethods = false)
class BillingConfiguration {

    static final String VERSION = "0.1.0";

    /** Flyway runs as the first warm-up step, not during start-up: start-up must not die when PostgreSQL is down. */
    @Bean
    FlywayMigrationStrategy migrateDuringWarmUp() {
        return flyway -> {
        };
    }

    @Bean(destroyMethod = "stop")
    RpcServer rpcServer(NatsConnector connector, Telemetry telemetry) {
        return new RpcServer(connector, Endpoints.BILLING, VERSION, "Plans, subscriptions and invoices", telemetry)
                .endpoint(Endpoints.LIST_PLANS, ListPlans.parser(), new ListPlansEndpoint());
    }

    @Bean
    WarmUp warmUp(@Value("${spring.application.name}") String serviceName, Flyway flyway, NatsConnector connector,
            EventStore eventStore, RpcServer rpcServer) {
        return new WarmUp(serviceName, List.of(
                WarmUpStep.of("migrate the database", flyway::migrate),
                WarmUpStep.of("connect to NATS", () -> connector.awaitConnection(Duration.ofSeconds(10))),
                WarmUpStep.of("set up the event stream", eventStore::ensureStream),
                WarmUpStep.of("join the queue groups of the billing endpoints", rpcServer::start)));
    }
}
