package io.eventsaas.projections;

import io.eventsaas.platform.archive.EventArchiver;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.privacy.PersonalDataVault;
import io.eventsaas.platform.projection.Checkpoints;
import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.platform.warmup.WarmUp;
import io.eventsaas.platform.warmup.WarmUpStep;
import io.eventsaas.projections.nats.PlatformSummaryProjection;
import io.eventsaas.projections.nats.SummaryViewPublisher;
import io.eventsaas.projections.views.ViewBucket;
import io.eventsaas.projections.views.ViewProjection;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the instance does before it reports ready (law 6), in order, each step retried until it succeeds: migrate
 * its database, connect to NATS, make sure the stream and the views bucket exist, open the personal-data keys,
 * create the read models' tables, replay the stream into every read model and the archive at once, and publish
 * the views once. Readiness (the {@code warmUp} and {@code projections} health indicators) stays out of service
 * until then, with each read model's progress in the details, and no view is published from a partial replay.
 */
@Configuration(proxyBeanMethods = false)
class WarmUpConfiguration {

    @Bean
    WarmUp warmUp(@Value("${spring.application.name}") String serviceName, Flyway flyway, NatsConnector connector,
            EventStore eventStore, SummaryViewPublisher publisher, PlatformSummaryProjection platformSummary,
            ViewBucket views, PersonalDataVault vault, Checkpoints checkpoints, List<ViewProjection> readModels,
            List<ProjectionRunner> runners, EventArchiver archiver) {
        return new WarmUp(serviceName, List.of(
                WarmUpStep.of("migrate the database", flyway::migrate),
                WarmUpStep.of("connect to NATS", () -> connector.awaitConnection(Duration.ofSeconds(10))),
                WarmUpStep.of("set up the event stream", eventStore::ensureStream),
                WarmUpStep.of("set up the views bucket", () -> {
                    publisher.openBucket();
                    views.open();
                }),
                WarmUpStep.of("open the personal-data keys", vault::open),
                WarmUpStep.of("create the read models' tables", () -> {
                    checkpoints.ensureTable();
                    readModels.forEach(ViewProjection::createTables);
                }),
                WarmUpStep.of("catch up the read models and the event archive", () -> {
                    runners.forEach(ProjectionRunner::start);
                    archiver.start();
                    for (ProjectionRunner runner : runners) {
                        runner.catchUp();
                    }
                    archiver.catchUp();
                }),
                WarmUpStep.of("publish the views", () -> {
                    platformSummary.publish();
                    readModels.forEach(ViewProjection::publishPending);
                })));
    }
}
