package io.eventsaas.projections;

import io.eventsaas.platform.archive.EventArchive;
import io.eventsaas.platform.archive.EventArchiver;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.nats.NatsConnector;
import io.eventsaas.platform.observability.Telemetry;
import io.eventsaas.platform.privacy.PersonalDataVault;
import io.eventsaas.platform.projection.Checkpoints;
import io.eventsaas.platform.projection.ProjectionRunner;
import io.eventsaas.platform.projection.ProjectionsEndpoint;
import io.eventsaas.platform.projection.ProjectionsHealth;
import io.eventsaas.projections.activity.ActivityProjection;
import io.eventsaas.projections.activity.ExpiredInvitations;
import io.eventsaas.projections.metrics.PlatformMetricsProjection;
import io.eventsaas.projections.overview.OrganizationOverviewProjection;
import io.eventsaas.projections.views.PersonalNames;
import io.eventsaas.projections.views.ViewBucket;
import io.eventsaas.projections.views.ViewOutbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read models of the dashboards (platform metrics, activity feeds, organisation overviews), each with its
 * version, its runner and its views; the SQL event archive; readiness and the operators' endpoint.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectionSettings.class)
class ReadModelsConfiguration {

    @Bean
    PersonalDataVault personalDataVault(NatsConnector connector) {
        return new PersonalDataVault(connector, Clock.systemUTC());
    }

    @Bean
    PersonalNames personalNames(PersonalDataVault vault) {
        return new PersonalNames(vault);
    }

    @Bean
    ViewBucket viewBucket(NatsConnector connector) {
        return new ViewBucket(connector);
    }

    @Bean
    ViewOutbox viewOutbox(JdbcTemplate jdbc) {
        return new ViewOutbox(jdbc);
    }

    @Bean
    PlatformMetricsProjection platformMetricsProjection(JdbcTemplate jdbc, ViewOutbox outbox, ViewBucket bucket) {
        return new PlatformMetricsProjection(jdbc, PlatformMetricsProjection.VERSION, outbox, bucket);
    }

    @Bean
    ActivityProjection activityProjection(JdbcTemplate jdbc, ViewOutbox outbox, ViewBucket bucket,
            PersonalNames names) {
        return new ActivityProjection(jdbc, ActivityProjection.VERSION, outbox, bucket, names);
    }

    @Bean
    OrganizationOverviewProjection organizationOverviewProjection(JdbcTemplate jdbc, ViewOutbox outbox,
            ViewBucket bucket) {
        return new OrganizationOverviewProjection(jdbc, OrganizationOverviewProjection.VERSION, outbox, bucket);
    }

    @Bean(destroyMethod = "close")
    ProjectionRunner platformMetricsRunner(PlatformMetricsProjection projection, EventStore eventStore,
            NatsConnector connector, Checkpoints checkpoints, TransactionTemplate transactions, Telemetry telemetry,
            ProjectionSettings settings) {
        return settings.apply(new ProjectionRunner(projection, eventStore, connector, checkpoints, transactions,
                telemetry));
    }

    @Bean(destroyMethod = "close")
    ProjectionRunner activityRunner(ActivityProjection projection, EventStore eventStore, NatsConnector connector,
            Checkpoints checkpoints, TransactionTemplate transactions, Telemetry telemetry,
            ProjectionSettings settings) {
        return settings.apply(new ProjectionRunner(projection, eventStore, connector, checkpoints, transactions,
                telemetry));
    }

    @Bean(destroyMethod = "close")
    ExpiredInvitations expiredInvitations(ActivityProjection activity, ProjectionRunner activityRunner,
            ProjectionSettings settings) {
        return new ExpiredInvitations(activity, activityRunner, Clock.systemUTC(), settings.invitationExpiryCheck());
    }

    @Bean(destroyMethod = "close")
    ProjectionRunner organizationOverviewRunner(OrganizationOverviewProjection projection, EventStore eventStore,
            NatsConnector connector, Checkpoints checkpoints, TransactionTemplate transactions, Telemetry telemetry,
            ProjectionSettings settings) {
        return settings.apply(new ProjectionRunner(projection, eventStore, connector, checkpoints, transactions,
                telemetry));
    }

    @Bean
    EventArchive eventArchive(JdbcTemplate jdbc) {
        return new EventArchive(jdbc);
    }

    @Bean(destroyMethod = "close")
    EventArchiver eventArchiver(EventArchive archive, EventStore eventStore, NatsConnector connector,
            MeterRegistry meters) {
        return new EventArchiver(archive, eventStore, connector, meters);
    }

    @Bean
    ProjectionsHealth projections(List<ProjectionRunner> runners) {
        return new ProjectionsHealth(runners);
    }

    @Bean
    ProjectionsEndpoint projectionsEndpoint(List<ProjectionRunner> runners, Checkpoints checkpoints) {
        return new ProjectionsEndpoint(runners, checkpoints.parked());
    }
}
