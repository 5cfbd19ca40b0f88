package io.eventsaas.platform.warmup;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * For services with a database: Flyway does not migrate while the application context starts, because a database
 * that is down would kill start-up, and an instance must come up, report "not ready" and keep trying (law 6). The
 * service's {@link WarmUp} runs {@code flyway.migrate()} as its first step instead, retried until the database is
 * there.
 */
@Configuration(proxyBeanMethods = false)
public class MigrateAtWarmUpConfiguration {

    @Bean
    FlywayMigrationStrategy migrateDuringWarmUp() {
        return flyway -> {
            // nothing now: the warm-up migrates
        };
    }
}
