package io.eventsaas.platform.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A service whose database is down must still start (and report "not ready" while its warm-up retries). */
class MigrateAtWarmUpConfigurationTest {

    private final ApplicationContextRunner withDatabaseDown = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
                    "spring.datasource.hikari.connection-timeout=250");

    @Test
    @DisplayName("with it, the context starts while the database is down, and Flyway is there for the warm-up")
    void startsWithoutTheDatabase() {
        withDatabaseDown.withUserConfiguration(MigrateAtWarmUpConfiguration.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(Flyway.class);
                });
    }

    @Test
    @DisplayName("without it, Flyway migrates while the context starts, and a database that is down kills start-up")
    void failsWithoutIt() {
        withDatabaseDown.run(context -> assertThat(context).hasFailed());
    }
}
