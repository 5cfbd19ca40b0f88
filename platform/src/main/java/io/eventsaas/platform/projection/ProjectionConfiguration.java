package io.eventsaas.platform.projection;

import io.eventsaas.platform.eventstore.EventStoreConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a service with read models needs besides its projections: the checkpoints in its own database. */
@Configuration(proxyBeanMethods = false)
@Import(EventStoreConfiguration.class)
public class ProjectionConfiguration {

    @Bean
    Checkpoints checkpoints(JdbcTemplate jdbc) {
        return new Checkpoints(jdbc);
    }
}
