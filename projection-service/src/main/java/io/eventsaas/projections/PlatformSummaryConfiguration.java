package io.eventsaas.projections;

import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.observability.Telemetry;
import io.eventsaas.platform.projection.Checkpoints;
import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.projections.nats.PlatformSummaryProjection;
import io.eventsaas.projections.nats.SummaryViewPublisher;
import io.eventsaas.projections.store.SummaryStore;
import io.eventsaas.projections.views.PersonalNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The platform summary: its table, its projection, the runner that feeds it and the view it publishes. */
@Configuration(proxyBeanMethods = false)
class PlatformSummaryConfiguration {

    @Bean
    SummaryStore summaryStore(JdbcTemplate jdbc) {
        return new SummaryStore(jdbc);
    }

    @Bean
    SummaryViewPublisher summaryViewPublisher(NatsConnector connector, PersonalNames names) {
        return new SummaryViewPublisher(connector, Clock.systemUTC(), names);
    }

    @Bean
    PlatformSummaryProjection platformSummaryProjection(SummaryStore store, SummaryViewPublisher publisher,
            MeterRegistry meters) {
        return new PlatformSummaryProjection(store, publisher, meters);
    }

    @Bean(destroyMethod = "close")
    ProjectionRunner platformSummaryRunner(PlatformSummaryProjection projection, EventStore eventStore,
            NatsConnector connector, Checkpoints checkpoints, TransactionTemplate transactions, Telemetry telemetry,
            ProjectionSettings settings) {
        return settings.apply(new ProjectionRunner(projection, eventStore, connector, checkpoints, transactions,
                telemetry));
    }
}
