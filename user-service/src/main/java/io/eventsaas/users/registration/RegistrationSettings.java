package io.eventsaas.users.registration;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the registration use case ({@code users.registration.*}).
 *
 * @param emailClaimStaleAfter how long an e-mail claim whose user never got registered blocks the address before
 *                             another registration may take it over (the recovery from a crash between claiming
 *                             and appending); far longer than a registration takes
 * @param visibilityTimeout    how long a registration waits for this instance's read model to show the new user
 *                             and their personal organisation before it replies; below the callers' request
 *                             timeout
 */
@ConfigurationProperties("users.registration")
record RegistrationSettings(
        @DefaultValue("30s") Duration emailClaimStaleAfter,
        @DefaultValue("4s") Duration visibilityTimeout) {

    public RegistrationSettings {
        if (emailClaimStaleAfter.isNegative() || emailClaimStaleAfter.isZero()) {
            throw new IllegalArgumentException("users.registration.email-claim-stale-after must be positive, not "
                    + emailClaimStaleAfter);
        }
        if (visibilityTimeout.isNegative() || visibilityTimeout.isZero()) {
            throw new IllegalArgumentException("users.registration.visibility-timeout must be positive, not "
                    + visibilityTimeout);
        }
    }
}
