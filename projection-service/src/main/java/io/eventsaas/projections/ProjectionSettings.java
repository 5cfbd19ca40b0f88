package io.eventsaas.projections;

import io.eventsaas.platform.projection.ProjectionRunner;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the read models react to a failing event: {@code retryAttempts} tries (back-off from {@code firstRetryDelay},
 * doubling) before the read model stops at the event (stuck) until an operator retries it; and how often the activity
 * feed looks for invitations that expired ({@code invitationExpiryCheck}).
 */
@ConfigurationProperties("projections")
record ProjectionSettings(Integer retryAttempts, Duration firstRetryDelay, Duration invitationExpiryCheck) {

    ProjectionSettings {
        retryAttempts = retryAttempts == null ? 5 : retryAttempts;
        firstRetryDelay = firstRetryDelay == null ? Duration.ofMillis(100) : firstRetryDelay;
        invitationExpiryCheck = invitationExpiryCheck == null ? Duration.ofMinutes(1) : invitationExpiryCheck;
        if (retryAttempts < 1) {
            throw new IllegalArgumentException("projections.retry-attempts must be at least 1, not " + retryAttempts);
        }
    }

    ProjectionRunner apply(ProjectionRunner runner) {
        return runner.retryPolicy(retryAttempts, firstRetryDelay);
    }
}
