package io.eventsaas.billing.store;

import io.eventsaas.billing.events.BillingEventCodec;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.observability.Telemetry;
import io.eventsaas.platform.projection.Checkpoints;
import io.eventsaas.platform.projection.ProjectionRunner;
import java.util.HashSet;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean
    ProjectionRunner billingReadModelRunner(BillingEventCodec codec, JdbcClient jdbc,
            @Qualifier("billingEventTypes") Set<String> types, EventStore eventStore, NatsConnector connector,
            Checkpoints checkpoints, PlatformTransactionManager transactions, Telemetry telemetry) {
        return new ProjectionRunner(new BillingReadModelProjection(codec, jdbc, new HashSet<>(types)), eventStore,
                connector, checkpoints, new TransactionTemplate(transactions), telemetry);
    }

    @Bean
    BillingReadModel billingReadModel(JdbcClient jdbc) {
        return new BillingReadModel(jdbc);
    }
}
