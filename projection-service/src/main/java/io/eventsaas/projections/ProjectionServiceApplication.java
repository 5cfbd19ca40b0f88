package io.eventsaas.projections;

import io.eventsaas.platform.projection.ProjectionConfiguration;
import io.eventsaas.platform.warmup.MigrateAtWarmUpConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * projection-service: an event handler and nothing else. It consumes the EVENTS stream into its own disposable
 * database and publishes views to the JetStream key-value bucket {@code views}; it appends no events and answers
 * no requests (an ArchUnit test keeps it that way).
 */
@SpringBootApplication
@Import({ProjectionConfiguration.class, MigrateAtWarmUpConfiguration.class})
public class ProjectionServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProjectionServiceApplication.class, args);
    }
}
