package io.eventsaas.users;

import io.eventsaas.platform.policy.PolicyConfiguration;
import io.eventsaas.platform.projection.ProjectionConfiguration;
import io.eventsaas.platform.warmup.MigrateAtWarmUpConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * user-service: the RPC handler service {@code users}. Registers users and their personal organisations, appends
 * their events to the EVENTS stream and keeps its own PostgreSQL database as a projection of them.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({ProjectionConfiguration.class, PolicyConfiguration.class, MigrateAtWarmUpConfiguration.class})
public class UserServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(UserServiceApplication.class, args);
    }
}
