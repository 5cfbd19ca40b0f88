package io.eventsaas.projections;

import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.platform.warmup.WarmUp;
import io.eventsaas.platform.warmup.WarmUpStep;
import io.eventsaas.projections.nats.PlatformSummaryProjection;
import io.eventsaas.projections.nats.SummaryViewPublisher;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the instance does before it reports ready (law 6), in order, each step retried until it succeeds: migrate
 * its database, connect to NATS, make sure the stream and the views bucket exist, replay the stream into the
 * read model, and publish the view once. Readiness (the {@code warmUp} health indicator) stays out of service
 * until the last step is done, and no view is published from a partial replay.
 */
@Configuration(proxyBeanMethods = false)
class WarmUpConfiguration {

    /** Flyway runs as the first warm-up step, not during start-up: start-up must not die when PostgreSQL is down. */
    @Bean
    FlywayMigrationStrategy migrateDuringWarmUp() {
        return flyway -> {
        };
    }

    @Bean
    WarmUp warmUp(@Value("${spring.application.name}") String serviceName, Flyway flyway, NatsConnector connector,
            EventStore eventStore, SummaryViewPublisher publisher, ProjectionRunner platformSummaryRunner,
            PlatformSummaryProjection platformSummary) {
        return new WarmUp(serviceName, List.of(
                WarmUpStep.of("migrate the database", flyway::migrate),
                WarmUpStep.of("connect to NATS", () -> connector.awaitConnection(Duration.ofSeconds(10))),
                WarmUpStep.of("set up the event stream", eventStore::ensureStream),
                WarmUpStep.of("set up the views bucket", publisher::openBucket),
                WarmUpStep.of("catch up projection " + platformSummaryRunner.name(), platformSummaryRunner::catchUp),
                WarmUpStep.of("publish the platform summary view", platformSummary::publish)));
    }
}
