package io.eventsaas.users.store;

import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.observability.Telemetry;
import io.eventsaas.platform.projection.Checkpoints;
import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.users.events.DomainEventCodec;
import io.eventsaas.users.events.PlanEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean
    UsersReadModelProjection usersReadModelProjection(DomainEventCodec codec, PlanEvents planEvents, JdbcClient jdbc,
            MeterRegistry meters) {
        // The one skipped-events metric of every service (the platform ProjectionRunner counts unknown types and
        // newer versions under the same name and tag keys; this read model decodes itself and counts the rest).
        Counter skipped = Counter.builder(ProjectionRunner.SKIPPED_COUNTER)
                .description("Events a projection skipped: unknown type, newer schema version, or unreadable")
                .tag("projection", UsersReadModelProjection.NAME)
                .tag("reason", "unreadable")
                .tag("type", "any")
                .register(meters);
        return new UsersReadModelProjection(codec, planEvents, jdbc, skipped);
    }

    @Bean
    ProjectionRunner usersReadModelRunner(UsersReadModelProjection projection, EventStore eventStore,
            NatsConnector connector, Checkpoints checkpoints, PlatformTransactionManager transactions,
            Telemetry telemetry) {
        return new ProjectionRunner(projection, eventStore, connector, checkpoints,
                new TransactionTemplate(transactions), telemetry);
    }

    @Bean
    UsersReadModel usersReadModel(JdbcClient jdbc) {
        return new UsersReadModel(jdbc);
    }

    @Bean
    Accounts accounts(UsersReadModel readModel, EventStore eventStore, ProjectionRunner usersReadModelRunner) {
        return new Accounts(readModel, eventStore, usersReadModelRunner);
    }

    @Bean
    OrganizationsReadModel organizationsReadModel(JdbcClient jdbc) {
        return new OrganizationsReadModel(jdbc);
    }

    @Bean
    ExpiredInvitations expiredInvitations(JdbcClient jdbc) {
        return new ExpiredInvitations(jdbc);
    }
}
