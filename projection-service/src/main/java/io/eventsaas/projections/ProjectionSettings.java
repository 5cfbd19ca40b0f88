package io.eventsaas.projections;

import io.eventsaas.platform.projection.ProjectionRunner;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the read models react to a failing event: {@code retryAttempts} tries (back-off from {@code firstRetryDelay},
 * doubling) before the read model stops at the event (stuck) until an operator retries it.
 */
@ConfigurationProperties("projections")
record ProjectionSettings(Integer retryAttempts, Duration firstRetryDelay) {

    ProjectionSettings {
        retryAttempts = retryAttempts == null ? 5 : retryAttempts;
        firstRetryDelay = firstRetryDelay == null ? Duration.ofMillis(100) : firstRetryDelay;
        if (retryAttempts < 1) {
            throw new IllegalArgumentException("projections.retry-attempts must be at least 1, not " + retryAttempts);
        }
    }

    ProjectionRunner apply(ProjectionRunner runner) {
        return runner.retryPolicy(retryAttempts, firstRetryDelay);
    }
}
